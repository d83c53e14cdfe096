using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Predictor.Training.Concurrency;
using Predictor.Training.Gbdt.Binning;

namespace Predictor.Training.Gbdt.Histograms;

/// <summary>
/// Builds a leaf's histogram from its rows, row by row over <see cref="HistogramPositions"/> (as XGBoost's hist does
/// for dense data): a row's gradient and hessian are read once and then added to one bin per feature, each a single
/// vector add (<see cref="BinStats.AddRow"/>).
/// <para>
/// Large leaves are cut into blocks of consecutive rows (<see cref="RowBlocks"/>) built in parallel, each into its own
/// histogram, which are then added up in block order. The blocks depend only on the leaf's row count, never on the
/// thread count, so every sum runs in the same order and the histogram is bit-identical whatever the thread count.
/// </para>
/// </summary>
public sealed class HistogramBuilder
{
    private readonly HistogramPositions _positions;
    private readonly ParallelOptions _parallel;
    private readonly BinStats[][] _blockBins;

    public HistogramBuilder(BinnedMatrix matrix, HistogramLayout layout, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(layout);
        _parallel = parallel ?? throw new ArgumentNullException(nameof(parallel));
        _positions = HistogramPositions.For(matrix, layout, parallel);
        int blocks = RowBlocks.For(matrix.RowCount).Count;
        _blockBins = new BinStats[blocks][];
        for (int b = 1; b < blocks; b++) _blockBins[b] = new BinStats[layout.TotalBins];
    }

    /// <summary>Fills <paramref name="target"/> with the statistics of <paramref name="rows"/> (every feature).</summary>
    public void Build(ArraySegment<int> rows, double[] gradients, double[] hessians, Histogram target)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(hessians);
        ArgumentNullException.ThrowIfNull(target);
        var bins = target.Bins;
        Array.Clear(bins);
        var blocks = RowBlocks.For(rows.Count);
        // Block 0 goes straight into the target; the others into their own histograms, added on in block order.
        BlockLoop.For(blocks.Count, _parallel, b =>
        {
            var into = b == 0 ? bins : _blockBins[b];
            if (b > 0) Array.Clear(into);
            AddRows(rows.AsSpan(blocks.Begin(b), blocks.Length(b)), gradients, hessians, into);
        });
        AddBlocks(bins, blocks.Count);
    }

    private void AddRows(ReadOnlySpan<int> rows, double[] gradients, double[] hessians, BinStats[] histogram)
    {
        int features = _positions.Features;
        ref BinStats bins = ref MemoryMarshal.GetArrayDataReference(histogram);
        if (_positions.Positions is { } positions)
        {
            foreach (int row in rows)
            {
                var stats = BinStats.Row(gradients[row], hessians[row]);
                var rowPositions = positions.AsSpan(row * features, features);
                // A position is inside the histogram by construction (offset + bin of the histogram's own layout).
                foreach (ushort position in rowPositions) BinStats.AddRow(ref Unsafe.Add(ref bins, position), stats);
            }
            return;
        }
        var rowMajorBins = _positions.Bins!;
        var offsets = _positions.Offsets;
        foreach (int row in rows)
        {
            var stats = BinStats.Row(gradients[row], hessians[row]);
            var rowBins = rowMajorBins.AsSpan(row * features, features);
            for (int f = 0; f < rowBins.Length; f++) BinStats.AddRow(ref Unsafe.Add(ref bins, offsets[f] + rowBins[f]), stats);
        }
    }

    private void AddBlocks(BinStats[] bins, int blocks)
    {
        if (blocks == 1) return;
        // Each bin adds its blocks in block order; splitting the bins across threads does not change any sum.
        const int chunk = 1024;
        Parallel.For(0, (bins.Length + chunk - 1) / chunk, _parallel, c =>
        {
            int end = Math.Min(bins.Length, (c + 1) * chunk);
            for (int b = 1; b < blocks; b++)
            {
                var block = _blockBins[b];
                for (int i = c * chunk; i < end; i++) bins[i] += block[i];
            }
        });
    }
}
