using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// A <see cref="TreeEnsemble"/> compiled for fast scoring. Batches of 8 rows or more are quantised block by block
/// into bytes and every tree is evaluated over a whole block with SIMD (<see cref="BinnedEnsemble"/>), when the model
/// and the CPU allow it. Otherwise, and for single rows, a node walk: all trees' nodes in one flat array of 32-byte
/// structs, with leaves as self-looping nodes so that every walk through a tree takes the same number of steps (the
/// tree's depth), each step advancing eight rows (or, for one row, eight trees) with branch-free arithmetic
/// (predication, as in Asadi, Lin and de Vries's VPred), so independent walks overlap in the CPU instead of waiting on
/// mispredicted branches. Scores are bit for bit those of <see cref="TreeEnsemble.PredictRaw(ReadOnlySpan{double})"/> (same routing of
/// missing values and unknown categories, same summation order). Immutable, so thread-safe; scoring allocates nothing
/// (batches rent their scratch blocks from the shared array pool).
/// </summary>
public sealed class CompiledEnsemble
{
    private const int BlockRows = 64;
    private const int Lanes = 8;

    /// <summary>
    /// Rows whose start scores are computed just before their trees are added. A separate pass over a large batch reads
    /// it from memory twice, which cost more than the linear margin's arithmetic (docs/benchmarks.md); 1,024 rows of
    /// 20 features (about 170 KB) stay in L2 between the two.
    /// </summary>
    private const int StartChunkRows = 1024;

    /// <summary>Batches smaller than this are walked node by node (measured crossover: about 8 rows).</summary>
    private const int MinBinnedRows = 8;

    /// <summary>Marks a reference to a leaf, so that a walk can tell when all its lanes have arrived.</summary>
    private const int LeafBit = 1 << 30;
    private const int IndexMask = LeafBit - 1;

    private readonly FlatNode[] _nodes;
    private readonly ulong[] _categories;
    private readonly int[] _roots;
    private readonly int[] _depths;

    /// <summary>The batch path over quantised rows; null when the model or the CPU cannot use it (see <see cref="BatchPath"/>).</summary>
    private readonly BinnedEnsemble? _binned;

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
            // Split nodes first, then the tree's leaves; a child reference ~leaf maps to leafBase + leaf, tagged as a leaf.
            int nodeBase = nodes.Count, leafBase = nodeBase + tree.NodeCount;
            int Map(int child) => child >= 0 ? nodeBase + child : (leafBase + ~child) | LeafBit;
            _roots[t] = tree.NodeCount == 0 ? leafBase | LeafBit : nodeBase;
            _depths[t] = Depth(tree, 0);
            for (int n = 0; n < tree.NodeCount; n++)
            {
                var node = new FlatNode
                {
                    Value = tree.Threshold[n],
                    Split = (tree.SplitFeature[n] << FlatNode.FeatureShift) | (tree.DefaultLeft[n] ? FlatNode.DefaultLeftFlag : 0),
                    Left = Map(tree.LeftChild[n]),
                    Right = Map(tree.RightChild[n]),
                };
                if (tree.CategoriesLeft(n) is { } bits)
                {
                    node.Split |= FlatNode.CategoricalFlag;
                    node.CategoryStart = categories.Count;
                    node.CategoryLimit = Math.Min(model.Features[node.Feature].Levels.Count, bits.Count * 64);
                    categories.AddRange(bits);
                }
                nodes.Add(node);
            }
            for (int leaf = 0; leaf < tree.LeafCount; leaf++)
                nodes.Add(new FlatNode { Value = tree.LeafValues[leaf], Left = (leafBase + leaf) | LeafBit, Right = (leafBase + leaf) | LeafBit });
        }
        if (nodes.Count > IndexMask) throw new NotSupportedException($"A model with more than {IndexMask} nodes cannot be compiled.");
        _nodes = [.. nodes];
        _categories = [.. categories];
        string? reason = "the CPU has no 256-bit SIMD";
        if (BlockScorer.IsSupported) _binned = BinnedEnsemble.TryCreate(model, out reason);
        BatchPath = _binned is not null ? "binned blocks" : $"node walk ({reason})";
    }

    /// <summary>How batches are scored, and why not by binned blocks when they are not (for tests and diagnostics).</summary>
    internal string BatchPath { get; }

    /// <summary>The model this was compiled from.</summary>
    public TreeEnsemble Model { get; }

    /// <summary>Raw log-odds for one row in <see cref="TreeEnsemble.Features"/> order.</summary>
    public double PredictRaw(ReadOnlySpan<double> row)
    {
        if (row.Length != Model.Features.Count)
            throw new ArgumentException($"A row has {row.Length} values; the model expects {Model.Features.Count}.", nameof(row));
        double sum = Model.StartScore(row);
        if (Model.Features.Count == 0)
        {
            foreach (int root in _roots) sum += _nodes[root & IndexMask].Value;
            return sum;
        }
        ref double values = ref MemoryMarshal.GetReference(row);
        Span<int> at = stackalloc int[Lanes];
        int t = 0;
        // Eight trees side by side: their walks are independent, so the CPU overlaps them.
        for (; t + Lanes <= _roots.Length; t += Lanes)
        {
            int steps = 0;
            for (int i = 0; i < Lanes; i++)
            {
                at[i] = _roots[t + i];
                steps = Math.Max(steps, _depths[t + i]);
            }
            WalkEight<UnitStride>(at, ref values, 0, 0, 1, steps);
            for (int i = 0; i < Lanes; i++) sum += _nodes[at[i] & IndexMask].Value;
        }
        for (; t < _roots.Length; t++)
        {
            int at1 = _roots[t];
            for (int step = 0; step < _depths[t]; step++) at1 = Step<UnitStride>(at1, ref values, 0, 1);
            sum += _nodes[at1 & IndexMask].Value;
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
        if (Model.Features.Count == 0)
        {
            Model.StartScores(values, output, rowStride, featureStride);
            foreach (int root in _roots)
            {
                for (int row = 0; row < output.Length; row++) output[row] += _nodes[root & IndexMask].Value;
            }
            return;
        }
        // Binned blocks cost a whole 64-row chunk per tree even for one row; the node walk is cheaper for a handful.
        bool binned = _binned is not null && output.Length >= MinBinnedRows;
        for (int start = 0; start < output.Length; start += StartChunkRows)
        {
            var chunk = output.Slice(start, Math.Min(StartChunkRows, output.Length - start));
            var chunkValues = values[(start * rowStride)..];
            // Every path adds the trees to the same start score (base score plus linear margin), so the sums match bit
            // for bit. A chunk's start score comes just before its trees, which then find its values still in cache.
            Model.StartScores(chunkValues, chunk, rowStride, featureStride);
            if (binned) _binned!.Score(chunkValues, chunk, rowStride, featureStride);
            else if (featureStride == 1) ScoreBlocks<UnitStride>(chunkValues, chunk, rowStride, 1);
            else ScoreBlocks<ScaledStride>(chunkValues, chunk, rowStride, featureStride);
        }
    }

    private void ScoreBlocks<TStride>(ReadOnlySpan<double> values, Span<double> output, int rowStride, int featureStride)
        where TStride : struct, IFeatureStride
    {
        ref double first = ref MemoryMarshal.GetReference(values);
        Span<int> at = stackalloc int[Lanes];
        for (int start = 0; start < output.Length; start += BlockRows)
        {
            int end = Math.Min(output.Length, start + BlockRows);
            for (int t = 0; t < _roots.Length; t++)
            {
                int root = _roots[t], steps = _depths[t];
                int row = start;
                for (; row + Lanes <= end; row += Lanes)
                {
                    at.Fill(root);
                    WalkEight<TStride>(at, ref first, row * rowStride, rowStride, featureStride, steps);
                    for (int i = 0; i < Lanes; i++) output[row + i] += _nodes[at[i] & IndexMask].Value;
                }
                for (; row < end; row++)
                {
                    int at1 = root, offset = row * rowStride;
                    for (int step = 0; step < steps; step++) at1 = Step<TStride>(at1, ref first, offset, featureStride);
                    output[row] += _nodes[at1 & IndexMask].Value;
                }
            }
        }
    }

    /// <summary>
    /// Advances eight lanes <paramref name="steps"/> times, kept in registers so that the CPU overlaps their eight
    /// independent chains of loads. Lane <c>k</c> starts at node <c>at[k]</c> and reads its features from offset
    /// <c>offset + k * laneStride</c> (rows of a block: the row stride; trees of one row: 0).
    /// </summary>
    private void WalkEight<TStride>(Span<int> at, ref double values, int offset, int laneStride, int featureStride, int steps)
        where TStride : struct, IFeatureStride
    {
        int a = at[0], b = at[1], c = at[2], d = at[3], e = at[4], f = at[5], g = at[6], h = at[7];
        for (int step = 0; step < steps; step++)
        {
            // Stop once every lane sits in a leaf: the tree's depth bounds the walk, but most paths are shorter.
            if ((a & b & c & d & e & f & g & h & LeafBit) != 0) break;
            a = Step<TStride>(a, ref values, offset, featureStride);
            b = Step<TStride>(b, ref values, offset + laneStride, featureStride);
            c = Step<TStride>(c, ref values, offset + 2 * laneStride, featureStride);
            d = Step<TStride>(d, ref values, offset + 3 * laneStride, featureStride);
            e = Step<TStride>(e, ref values, offset + 4 * laneStride, featureStride);
            f = Step<TStride>(f, ref values, offset + 5 * laneStride, featureStride);
            g = Step<TStride>(g, ref values, offset + 6 * laneStride, featureStride);
            h = Step<TStride>(h, ref values, offset + 7 * laneStride, featureStride);
        }
        at[0] = a; at[1] = b; at[2] = c; at[3] = d; at[4] = e; at[5] = f; at[6] = g; at[7] = h;
    }

    /// <summary>
    /// One step of a walk from node <paramref name="at"/> (a leaf stays put). Numeric splits are decided without
    /// branches; categorical splits, rare in practice, take a branch to the bitset lookup.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step<TStride>(int at, ref double values, int offset, int featureStride)
        where TStride : struct, IFeatureStride
    {
        ref FlatNode n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nodes), at & IndexMask);
        int split = n.Split;
        double value = Unsafe.Add(ref values, offset + TStride.Of(split >> FlatNode.FeatureShift, featureStride));
        int left;
        if ((split & FlatNode.CategoricalFlag) == 0)
        {
            // NaN fails the comparison, so only the default flag (bit 0) can send a missing value left.
            left = Unsafe.BitCast<bool, byte>(value <= n.Value) | (Unsafe.BitCast<bool, byte>(double.IsNaN(value)) & split);
        }
        else
        {
            left = GoesLeftCategory(in n, value) ? 1 : 0;
        }
        return Unsafe.Add(ref n.Left, left ^ 1);
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
