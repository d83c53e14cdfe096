using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// Batch scoring over quantised rows: each block of <see cref="BlockScorer.BlockRows"/> rows is turned into byte
/// columns once (<see cref="ByteColumns"/>), then every tree is evaluated over the whole block
/// (<see cref="BlockScorer"/>). Exactly reproduces <see cref="TreeEnsemble.PredictRaw(ReadOnlySpan{double})"/>; models it
/// cannot represent (see <see cref="TryCreate"/>) are scored by <see cref="CompiledEnsemble"/>'s node walk instead.
/// </summary>
internal sealed class BinnedEnsemble
{
    private readonly ByteColumns _columns;
    private readonly BinnedTree[] _trees;
    private readonly int _maxSlots;

    private BinnedEnsemble(ByteColumns columns, BinnedTree[] trees)
    {
        _columns = columns;
        _trees = trees;
        _maxSlots = trees.Length == 0 ? 1 : trees.Max(t => t.SlotCount);
    }

    /// <summary>
    /// The binned form of <paramref name="model"/>, or null with the reason when it has none: a numeric feature split
    /// at more than <see cref="ThresholdBins.MaxThresholds"/> distinct thresholds (or at NaN), a categorical feature
    /// with more than 255 levels, or a tree with more than <see cref="BinnedTree.MaxLeaves"/> leaves.
    /// </summary>
    public static BinnedEnsemble? TryCreate(TreeEnsemble model, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bins = new ThresholdBins?[model.Features.Count];
        for (int f = 0; f < model.Features.Count; f++)
        {
            var feature = model.Features[f];
            bool split = model.Trees.Any(t => Enumerable.Range(0, t.NodeCount).Any(n => t.SplitFeature[n] == f));
            if (!split) continue;
            if (feature.Kind == FeatureKind.Categorical)
            {
                if (feature.Levels.Count > ByteColumns.MissingCode)
                {
                    reason = $"categorical feature '{feature.Name}' has {feature.Levels.Count} levels (at most {ByteColumns.MissingCode} fit a byte)";
                    return null;
                }
                continue;
            }
            bins[f] = ThresholdBins.TryCreate(model.Trees.SelectMany(t => Enumerable.Range(0, t.NodeCount)
                .Where(n => t.SplitFeature[n] == f).Select(n => t.Threshold[n])));
            if (bins[f] is null)
            {
                reason = $"feature '{feature.Name}' is split at NaN or at more than {ThresholdBins.MaxThresholds} distinct thresholds";
                return null;
            }
        }
        var tooBig = model.Trees.FirstOrDefault(t => t.LeafCount > BinnedTree.MaxLeaves);
        if (tooBig is not null)
        {
            reason = $"a tree has {tooBig.LeafCount} leaves (at most {BinnedTree.MaxLeaves})";
            return null;
        }
        var columns = new ByteColumns();
        var trees = model.Trees.Select(t => BinnedTree.Create(t, model, bins, columns)).ToArray();
        reason = null;
        return new BinnedEnsemble(columns, trees);
    }

    /// <summary>
    /// Adds every tree's output, in tree order, to the scores of <c>output.Length</c> rows, which the caller has set to
    /// the rows' start scores (<see cref="TreeEnsemble.StartScore"/>); feature <c>f</c> of row <c>r</c> is
    /// <c>values[r * rowStride + f * featureStride]</c>. Rents its scratch buffers, so it allocates nothing once warm.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: optimised from the first call
    public void Score(ReadOnlySpan<double> values, Span<double> output, int rowStride, int featureStride)
    {
        const int rows = BlockScorer.BlockRows;
        var columnBuffer = ArrayPool<sbyte>.Shared.Rent(Math.Max(1, _columns.Count) * rows);
        var reachBuffer = ArrayPool<sbyte>.Shared.Rent(_maxSlots * rows);
        var leafBuffer = ArrayPool<byte>.Shared.Rent(rows);
        try
        {
            var block = columnBuffer.AsSpan(0, Math.Max(1, _columns.Count) * rows);
            var reach = reachBuffer.AsSpan(0, _maxSlots * rows);
            var leaves = leafBuffer.AsSpan(0, rows);
            // Slot 0 is every tree's root: all rows reach it. No split writes it, so it is set once.
            reach[..rows].Fill(-1);
            ref double first = ref MemoryMarshal.GetReference(values);
            for (int start = 0; start < output.Length; start += rows)
            {
                int count = Math.Min(rows, output.Length - start);
                _columns.Quantise(ref Unsafe.Add(ref first, start * rowStride), rowStride, featureStride, count, block, rows);
                var scores = output.Slice(start, count);
                foreach (var tree in _trees) BlockScorer.AddTree(tree, block, reach, leaves, scores);
            }
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(columnBuffer);
            ArrayPool<sbyte>.Shared.Return(reachBuffer);
            ArrayPool<byte>.Shared.Return(leafBuffer);
        }
    }
}
