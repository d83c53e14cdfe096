using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// A <see cref="TreeEnsemble"/> compiled for fast scoring: all trees' nodes in one flat array of 32-byte structs,
/// with leaves as self-looping nodes so that every walk through a tree takes the same number of steps (the tree's
/// depth). Batches are scored tree by tree over blocks of rows, each step advancing every row of the block with
/// branch-free arithmetic (predication, as in Asadi, Lin and de Vries's VPred), so independent rows overlap in the
/// CPU instead of waiting on mispredicted branches; a single row walks many trees side by side the same way.
/// Scores are bit for bit those of <see cref="TreeEnsemble.PredictRaw(ReadOnlySpan{double})"/> (same routing of
/// missing values and unknown categories, same summation order). Immutable, so thread-safe; scoring allocates nothing.
/// </summary>
public sealed class CompiledEnsemble
{
    private const int BlockRows = 64;
    private const int TreeGroup = 16;

    private readonly FlatNode[] _nodes;
    private readonly ulong[] _categories;
    private readonly int[] _roots;
    private readonly int[] _depths;

    /// <summary>Compiles <paramref name="model"/> (a one-off cost proportional to its size).</summary>
    public CompiledEnsemble(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var nodes = new List<FlatNode>();
        var categories = new List<ulong>();
        _roots = new int[model.Trees.Count];
        _depths = new int[model.Trees.Count];
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            // Split nodes first, then the tree's leaves; a child reference ~leaf maps to leafBase + leaf.
            int nodeBase = nodes.Count, leafBase = nodeBase + tree.NodeCount;
            int Map(int child) => child >= 0 ? nodeBase + child : leafBase + ~child;
            _roots[t] = tree.NodeCount == 0 ? leafBase : nodeBase;
            _depths[t] = Depth(tree, 0);
            for (int n = 0; n < tree.NodeCount; n++)
            {
                var node = new FlatNode
                {
                    Value = tree.Threshold[n],
                    Feature = tree.SplitFeature[n],
                    Left = Map(tree.LeftChild[n]),
                    Right = Map(tree.RightChild[n]),
                    Flags = tree.DefaultLeft[n] ? FlatNode.DefaultLeftFlag : 0,
                };
                if (tree.CategoriesLeft(n) is { } bits)
                {
                    node.Flags |= FlatNode.CategoricalFlag;
                    node.CategoryStart = categories.Count;
                    node.CategoryLimit = Math.Min(model.Features[node.Feature].Levels.Count, bits.Count * 64);
                    categories.AddRange(bits);
                }
                nodes.Add(node);
            }
            for (int leaf = 0; leaf < tree.LeafCount; leaf++)
                nodes.Add(new FlatNode { Value = tree.LeafValues[leaf], Left = leafBase + leaf, Right = leafBase + leaf });
        }
        _nodes = [.. nodes];
        _categories = [.. categories];
    }

    /// <summary>The model this was compiled from.</summary>
    public TreeEnsemble Model { get; }

    /// <summary>Raw log-odds for one row in <see cref="TreeEnsemble.Features"/> order.</summary>
    public double PredictRaw(ReadOnlySpan<double> row)
    {
        if (row.Length != Model.Features.Count)
            throw new ArgumentException($"A row has {row.Length} values; the model expects {Model.Features.Count}.", nameof(row));
        double sum = Model.BaseScore;
        if (Model.Features.Count == 0)
        {
            foreach (int root in _roots) sum += _nodes[root].Value;
            return sum;
        }
        Span<int> at = stackalloc int[TreeGroup];
        Span<int> offsets = stackalloc int[TreeGroup];
        offsets.Clear();
        ref double values = ref MemoryMarshal.GetReference(row);
        for (int first = 0; first < _roots.Length; first += TreeGroup)
        {
            int count = Math.Min(TreeGroup, _roots.Length - first);
            int steps = 0;
            for (int i = 0; i < count; i++)
            {
                at[i] = _roots[first + i];
                steps = Math.Max(steps, _depths[first + i]);
            }
            Walk(at[..count], offsets[..count], ref values, featureStride: 1, steps);
            for (int i = 0; i < count; i++) sum += _nodes[at[i]].Value;
        }
        return sum;
    }

    /// <summary>Raw log-odds for rows stored row-major (<c>rows.Length = output.Length * features</c>).</summary>
    public void PredictRaw(ReadOnlySpan<double> rows, Span<double> output)
    {
        int width = Model.Features.Count;
        if (rows.Length != output.Length * width)
            throw new ArgumentException($"{rows.Length} values do not make {output.Length} rows of {width} features.", nameof(rows));
        ScoreBlocks(rows, output, rowStride: width, featureStride: 1);
    }

    /// <summary>
    /// Raw log-odds for rows stored column by column: feature <c>f</c> of row <c>i</c> is
    /// <c>columns[f * output.Length + i]</c> (the layout of a columnar table).
    /// </summary>
    public void PredictRawColumns(ReadOnlySpan<double> columns, Span<double> output)
    {
        int width = Model.Features.Count;
        if (columns.Length != output.Length * width)
            throw new ArgumentException($"{columns.Length} values do not make {width} columns of {output.Length} rows.", nameof(columns));
        ScoreBlocks(columns, output, rowStride: 1, featureStride: output.Length);
    }

    /// <summary>Probabilities (logistic of the raw score) for rows stored row-major.</summary>
    public void Predict(ReadOnlySpan<double> rows, Span<double> output)
    {
        PredictRaw(rows, output);
        for (int i = 0; i < output.Length; i++) output[i] = TreeEnsemble.Sigmoid(output[i]);
    }

    private void ScoreBlocks(ReadOnlySpan<double> values, Span<double> output, int rowStride, int featureStride)
    {
        output.Fill(Model.BaseScore);
        if (Model.Features.Count == 0)
        {
            foreach (int root in _roots)
            {
                for (int row = 0; row < output.Length; row++) output[row] += _nodes[root].Value;
            }
            return;
        }
        Span<int> at = stackalloc int[BlockRows];
        Span<int> offsets = stackalloc int[BlockRows];
        ref double first = ref MemoryMarshal.GetReference(values);
        for (int start = 0; start < output.Length; start += BlockRows)
        {
            int count = Math.Min(BlockRows, output.Length - start);
            var blockAt = at[..count];
            var blockOffsets = offsets[..count];
            for (int i = 0; i < count; i++) blockOffsets[i] = (start + i) * rowStride;
            for (int t = 0; t < _roots.Length; t++)
            {
                blockAt.Fill(_roots[t]);
                Walk(blockAt, blockOffsets, ref first, featureStride, _depths[t]);
                for (int i = 0; i < count; i++) output[start + i] += _nodes[blockAt[i]].Value;
            }
        }
    }

    /// <summary>
    /// Advances each lane (a row in a tree) <paramref name="steps"/> times; lane <c>i</c> reads its features at
    /// <c>values[offsets[i] + feature * featureStride]</c>. Numeric splits are decided without branches; categorical
    /// splits, rare in practice, take a branch to the bitset lookup.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Walk(Span<int> at, ReadOnlySpan<int> offsets, ref double values, int featureStride, int steps)
    {
        ref FlatNode nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref int lane = ref MemoryMarshal.GetReference(at);
        ref int offset = ref MemoryMarshal.GetReference(offsets);
        int lanes = at.Length;
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < lanes; i++)
            {
                ref int current = ref Unsafe.Add(ref lane, i);
                ref FlatNode n = ref Unsafe.Add(ref nodes, current);
                double value = Unsafe.Add(ref values, Unsafe.Add(ref offset, i) + n.Feature * featureStride);
                int left;
                if ((n.Flags & FlatNode.CategoricalFlag) == 0)
                {
                    // NaN fails the comparison, so only the default flag (bit 0) can send a missing value left.
                    left = Unsafe.BitCast<bool, byte>(value <= n.Value) | (Unsafe.BitCast<bool, byte>(double.IsNaN(value)) & n.Flags);
                }
                else
                {
                    left = GoesLeftCategory(in n, value) ? 1 : 0;
                }
                current = n.Right + ((n.Left - n.Right) & -left);
            }
        }
    }

    private bool GoesLeftCategory(in FlatNode node, double value)
    {
        // Missing, unknown (beyond the levels or the bitset), negative and fractional codes take the default side.
        if (!(value >= 0 && value < node.CategoryLimit) || value != Math.Floor(value))
            return (node.Flags & FlatNode.DefaultLeftFlag) != 0;
        int code = (int)value;
        return (_categories[node.CategoryStart + (code >> 6)] & (1UL << (code & 63))) != 0;
    }

    private static int Depth(RegressionTree tree, int node) => tree.NodeCount == 0 || node < 0
        ? 0
        : 1 + Math.Max(Depth(tree, tree.LeftChild[node]), Depth(tree, tree.RightChild[node]));
}
