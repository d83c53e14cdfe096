using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Predictor.Training.Gbdt.Binning;
using Predictor.Training.Gbdt.Threading;

namespace Predictor.Training.Gbdt.Histograms;

/// <summary>
/// Builds a leaf's histogram from its rows, row by row over the row-major bins (as XGBoost's hist does for dense data):
/// a row's gradient and hessian are read once and its bins, adjacent in memory, each update a different feature's
/// histogram, so consecutive updates rarely wait on one another.
/// <para>
/// Large leaves are cut into blocks of consecutive rows that are built in parallel, each into its own histogram, and
/// then added up block by block in block order. The blocks depend only on the leaf's row count, never on the thread
/// count, so every sum runs in the same order and the histogram is bit-identical whatever the thread count.
/// </para>
/// </summary>
public sealed class HistogramBuilder
{
    private readonly BinnedMatrix _matrix;
    private readonly ParallelOptions _parallel;
    private readonly int[] _offsets;
    private readonly BinStats[][] _blockBins;

    public HistogramBuilder(BinnedMatrix matrix, HistogramLayout layout, ParallelOptions parallel)
    {
        _matrix = matrix ?? throw new ArgumentNullException(nameof(matrix));
        ArgumentNullException.ThrowIfNull(layout);
        _parallel = parallel ?? throw new ArgumentNullException(nameof(parallel));
        _offsets = new int[layout.FeatureCount];
        for (int f = 0; f < _offsets.Length; f++) _offsets[f] = layout.Offset(f);
        int blocks = RowBlocks.For(matrix.RowCount).Count;
        _blockBins = new BinStats[blocks][];
        for (int b = 1; b < blocks; b++) _blockBins[b] = new BinStats[layout.TotalBins];
    }

    /// <summary>Fills <paramref name="target"/> with the statistics of <paramref name="rows"/> (every feature).</summary>
    public void Build(ReadOnlySpan<int> rows, double[] gradients, double[] hessians, Histogram target)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(hessians);
        ArgumentNullException.ThrowIfNull(target);
        var bins = target.Bins;
        Array.Clear(bins);
        int n = rows.Length;
        var blocks = RowBlocks.For(n);
        if (blocks.Count == 1)
        {
            AddRows(rows, gradients, hessians, bins);
            return;
        }

        // Block 0 goes straight into the target; the others into their own histograms, added on in block order.
        var rowArray = RowsAsArray(rows, out bool rented);
        try
        {
            Parallel.For(0, blocks.Count, _parallel, b =>
            {
                var into = b == 0 ? bins : _blockBins[b];
                if (b > 0) Array.Clear(into);
                AddRows(rowArray.AsSpan(blocks.Begin(b), blocks.Length(b)), gradients, hessians, into);
            });
        }
        finally
        {
            if (rented) System.Buffers.ArrayPool<int>.Shared.Return(rowArray);
        }
        AddBlocks(bins, blocks.Count);
    }

    private void AddRows(ReadOnlySpan<int> rows, double[] gradients, double[] hessians, BinStats[] histogram)
    {
        var rowMajor = _matrix.RowMajor;
        int features = _offsets.Length;
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        ref BinStats bins = ref MemoryMarshal.GetArrayDataReference(histogram);
        foreach (int row in rows)
        {
            var stats = BinStats.Row(gradients[row], hessians[row]);
            var rowBins = rowMajor.AsSpan(row * features, features);
            for (int f = 0; f < rowBins.Length; f++)
            {
                // Offset + bin stays inside the histogram: the layout gives each feature room for all of its bins.
                BinStats.AddRow(ref Unsafe.Add(ref bins, Unsafe.Add(ref offsets, f) + rowBins[f]), stats);
            }
        }
    }

    private void AddBlocks(BinStats[] bins, int blocks)
    {
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

    private static int[] RowsAsArray(ReadOnlySpan<int> rows, out bool rented)
    {
        // Parallel.For cannot capture a span; the rows are copied once into a pooled array.
        var array = System.Buffers.ArrayPool<int>.Shared.Rent(rows.Length);
        rows.CopyTo(array);
        rented = true;
        return array;
    }
}
