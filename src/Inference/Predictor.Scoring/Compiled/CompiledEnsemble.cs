using System.Runtime.CompilerServices;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// A <see cref="TreeEnsemble"/> compiled for fast scoring: every tree's nodes in one flat array of 32-byte structs,
/// evaluated tree by tree over blocks of rows so that a tree's nodes stay in cache while a block passes through it.
/// Scores are bit for bit those of <see cref="TreeEnsemble.PredictRaw(ReadOnlySpan{double})"/> (same routing of
/// missing values and unknown categories, same summation order). Immutable, so thread-safe; scoring allocates nothing.
/// </summary>
public sealed class CompiledEnsemble
{
    private const int BlockRows = 64;

    private readonly FlatNode[] _nodes;
    private readonly double[] _leaves;
    private readonly ulong[] _categories;
    private readonly int[] _roots;

    /// <summary>Compiles <paramref name="model"/> (a one-off cost proportional to its size).</summary>
    public CompiledEnsemble(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var nodes = new List<FlatNode>();
        var leaves = new List<double>();
        var categories = new List<ulong>();
        _roots = new int[model.Trees.Count];
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            int nodeBase = nodes.Count, leafBase = leaves.Count;
            int Map(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            _roots[t] = tree.NodeCount == 0 ? ~leafBase : nodeBase;
            for (int n = 0; n < tree.NodeCount; n++)
            {
                var node = new FlatNode
                {
                    Threshold = tree.Threshold[n],
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
            leaves.AddRange(tree.LeafValues);
        }
        _nodes = [.. nodes];
        _leaves = [.. leaves];
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
        foreach (int root in _roots) sum += _leaves[~Descend(root, row, 0, 1)];
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
        for (int start = 0; start < output.Length; start += BlockRows)
        {
            int end = Math.Min(output.Length, start + BlockRows);
            foreach (int root in _roots)
            {
                for (int row = start; row < end; row++)
                    output[row] += _leaves[~Descend(root, values.Slice(row * rowStride), 0, featureStride)];
            }
        }
    }

    /// <summary>Follows one row from <paramref name="node"/> to a leaf; returns the leaf reference (<c>~leaf</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Descend(int node, ReadOnlySpan<double> row, int offset, int featureStride)
    {
        var nodes = _nodes;
        while (node >= 0)
        {
            ref readonly var n = ref nodes[node];
            double value = row[offset + n.Feature * featureStride];
            bool left;
            if ((n.Flags & FlatNode.CategoricalFlag) == 0)
            {
                // NaN fails the comparison, so only the default flag can send a missing value left.
                left = (value <= n.Threshold) | (double.IsNaN(value) & (n.Flags & FlatNode.DefaultLeftFlag) != 0);
            }
            else
            {
                left = GoesLeftCategory(in n, value);
            }
            node = left ? n.Left : n.Right;
        }
        return node;
    }

    private bool GoesLeftCategory(in FlatNode node, double value)
    {
        // Missing, unknown (beyond the levels or the bitset), negative and fractional codes take the default side.
        if (!(value >= 0 && value < node.CategoryLimit) || value != Math.Floor(value))
            return (node.Flags & FlatNode.DefaultLeftFlag) != 0;
        int code = (int)value;
        return (_categories[node.CategoryStart + (code >> 6)] & (1UL << (code & 63))) != 0;
    }
}
