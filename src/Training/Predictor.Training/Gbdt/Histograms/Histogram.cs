namespace Predictor.Training.Gbdt.Histograms;

/// <summary>Per-bin gradient statistics of one leaf's rows, for every feature, in one flat array.</summary>
public sealed class Histogram
{
    private readonly BinStats[] _bins;

    public Histogram(HistogramLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _bins = new BinStats[layout.TotalBins];
    }

    public HistogramLayout Layout { get; }

    /// <summary>All features' bins, feature after feature at the layout's offsets.</summary>
    internal BinStats[] Bins => _bins;

    /// <summary>The bins of one feature (index 0 = missing values).</summary>
    public Span<BinStats> Feature(int feature) => _bins.AsSpan(Layout.Offset(feature), Layout.BinCount(feature));

    public void Clear() => Array.Clear(_bins);

    /// <summary>The statistics of all the histogram's rows: every row is in exactly one bin of the first feature.</summary>
    public BinStats Total()
    {
        var total = default(BinStats);
        foreach (var bin in Feature(0)) total += bin;
        return total;
    }

    /// <summary>
    /// Turns this (the parent's histogram) into the larger child's by subtracting the smaller child's, the trick that
    /// halves histogram work: only the smaller child is ever built from rows.
    /// </summary>
    public void SubtractInPlace(Histogram child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var mine = _bins.AsSpan();
        var theirs = child._bins.AsSpan();
        for (int i = 0; i < mine.Length; i++) mine[i] -= theirs[i];
    }
}
