using Predictor.Training.Concurrency;
using Predictor.Training.Gbdt.Binning;

namespace Predictor.Training.Gbdt.Histograms;

/// <summary>
/// Where each row lands in a flat histogram, feature by feature, stored row after row (the layout XGBoost's hist uses
/// for dense data): building a histogram then reads one short run of memory per row. A position is the feature's
/// layout offset plus the row's bin, kept in 16 bits when the whole histogram has at most 65,536 bins (about 255
/// features of 255 bins); wider data keep the bins as bytes and add the offset while building.
/// </summary>
internal sealed class HistogramPositions
{
    private HistogramPositions(int features, ushort[]? positions, byte[]? bins, int[] offsets)
    {
        Features = features;
        Positions = positions;
        Bins = bins;
        Offsets = offsets;
    }

    public int Features { get; }

    /// <summary>Row-major positions (offset + bin), or null for wide data.</summary>
    public ushort[]? Positions { get; }

    /// <summary>Row-major bins, only for wide data (<see cref="Positions"/> is null).</summary>
    public byte[]? Bins { get; }

    /// <summary>Each feature's first bin in the flat histogram.</summary>
    public int[] Offsets { get; }

    public static HistogramPositions For(BinnedMatrix matrix, HistogramLayout layout, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(layout);
        int features = matrix.FeatureCount;
        var offsets = new int[features];
        for (int f = 0; f < features; f++) offsets[f] = layout.Offset(f);
        long cells = (long)matrix.RowCount * features;
        if (layout.TotalBins <= ushort.MaxValue + 1)
        {
            var positions = new ushort[cells];
            Transpose(matrix, parallel, (row, f, bin) => positions[(row * features) + f] = (ushort)(offsets[f] + bin));
            return new HistogramPositions(features, positions, null, offsets);
        }
        var bins = new byte[cells];
        Transpose(matrix, parallel, (row, f, bin) => bins[(row * features) + f] = bin);
        return new HistogramPositions(features, null, bins, offsets);
    }

    private static void Transpose(BinnedMatrix matrix, ParallelOptions parallel, Action<long, int, byte> store)
    {
        var blocks = RowBlocks.For(matrix.RowCount);
        BlockLoop.For(blocks.Count, parallel, b =>
        {
            int begin = blocks.Begin(b), end = begin + blocks.Length(b);
            for (int f = 0; f < matrix.FeatureCount; f++)
            {
                var column = matrix.ColumnArray(f);
                for (int row = begin; row < end; row++) store(row, f, column[row]);
            }
        });
    }
}
