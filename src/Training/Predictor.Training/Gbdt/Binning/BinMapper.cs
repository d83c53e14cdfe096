using Predictor.Scoring.Trees;

namespace Predictor.Training.Gbdt.Binning;

/// <summary>
/// Maps one feature's values to small integer bins. Bin 0 is reserved for missing values; value bins are 1..n.
/// Numeric value bin <c>b</c> holds values in (<c>UpperBound(b-1)</c>, <c>UpperBound(b)</c>], with upper bounds at
/// midpoints between neighbouring distinct training values, as FastTree does. Categorical bin <c>b</c> is level
/// code <c>b-1</c>.
/// </summary>
public sealed class BinMapper
{
    /// <summary>Bins a byte can address once bin 0 is reserved for missing values.</summary>
    public const int MaxValueBins = 255;

    private readonly double[] _upperBounds;

    private BinMapper(FeatureKind kind, double[] upperBounds, int valueBins)
    {
        Kind = kind;
        _upperBounds = upperBounds;
        ValueBinCount = valueBins;
    }

    public FeatureKind Kind { get; }

    /// <summary>Number of value bins (excluding the missing bin).</summary>
    public int ValueBinCount { get; }

    /// <summary>Bins including the missing bin 0.</summary>
    public int BinCount => ValueBinCount + 1;

    /// <summary>The largest value in value bin <paramref name="bin"/>; the last bin is unbounded (double.MaxValue).</summary>
    public double UpperBound(int bin) => _upperBounds[bin - 1];

    /// <summary>A categorical feature with <paramref name="levels"/> levels: one bin per level.</summary>
    public static BinMapper ForCategorical(int levels, string featureName)
    {
        if (levels > MaxValueBins)
            throw new NotSupportedException($"Categorical feature '{featureName}' has {levels} levels; at most {MaxValueBins} are supported.");
        return new BinMapper(FeatureKind.Categorical, [], Math.Max(levels, 1));
    }

    /// <summary>
    /// A numeric feature binned from (a sample of) its values. Up to <paramref name="maxBins"/> distinct values get one
    /// bin each; beyond that, bins hold roughly equal numbers of rows and a very frequent value gets a bin of its own.
    /// </summary>
    public static BinMapper ForNumeric(ReadOnlySpan<double> sample, int maxBins)
    {
        if (maxBins is < 2 or > MaxValueBins) throw new ArgumentOutOfRangeException(nameof(maxBins), $"Bins must be 2..{MaxValueBins}.");
        var values = new List<double>(sample.Length);
        foreach (double v in sample)
        {
            if (!double.IsNaN(v)) values.Add(v);
        }
        values.Sort();
        var distinct = new List<double>();
        var counts = new List<int>();
        foreach (double v in values)
        {
            if (distinct.Count > 0 && distinct[^1] == v) counts[^1]++;
            else { distinct.Add(v); counts.Add(1); }
        }
        var bounds = new List<double>();
        if (distinct.Count <= maxBins)
        {
            for (int i = 0; i + 1 < distinct.Count; i++) bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
        }
        else
        {
            // Greedy equal-frequency cuts over distinct values: a cut closes a bin once it holds its share of the
            // rows still to place, so one heavy value cannot swallow the bins after it.
            int remainingRows = values.Count;
            int binsLeft = maxBins;
            int inBin = 0;
            for (int i = 0; i + 1 < distinct.Count && binsLeft > 1; i++)
            {
                inBin += counts[i];
                double share = (double)remainingRows / binsLeft;
                bool nextOverflows = inBin + counts[i + 1] > share && inBin > 0;
                if (inBin >= share || nextOverflows)
                {
                    bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
                    remainingRows -= inBin;
                    binsLeft--;
                    inBin = 0;
                }
            }
        }
        bounds.Add(double.MaxValue);
        return new BinMapper(FeatureKind.Numeric, [.. bounds], bounds.Count);
    }

    /// <summary>The bin of one value.</summary>
    public byte ToBin(double value)
    {
        if (double.IsNaN(value)) return 0;
        if (Kind == FeatureKind.Categorical) return (byte)(value + 1);
        var bounds = _upperBounds.AsSpan();
        int first = 0;
        for (int length = bounds.Length; length > 1; length -= length >> 1)
        {
            first += bounds[first + (length >> 1)] < value ? length >> 1 : 0;
        }
        first += bounds[first] < value ? 1 : 0;
        return (byte)(first + 1);
    }

    /// <summary>The bins of many values (<c>bins[i] = ToBin(values[i])</c>).</summary>
    /// <remarks>
    /// Numeric values are searched four at a time: the search for the first bound at or above a value has no
    /// data-dependent branch and takes the same steps for every value, so four independent searches overlap instead
    /// of each waiting on its own chain of loads. The last bound is double.MaxValue, so a bound is always found; a
    /// NaN's search path is meaningless but stays inside the bounds, and NaN is then sent to the missing bin.
    /// </remarks>
    public void ToBins(ReadOnlySpan<double> values, Span<byte> bins)
    {
        if (bins.Length != values.Length) throw new ArgumentException("One bin per value is needed.", nameof(bins));
        int i = 0;
        if (Kind == FeatureKind.Numeric)
        {
            var bounds = _upperBounds.AsSpan();
            for (; i + 4 <= values.Length; i += 4)
            {
                double v0 = values[i], v1 = values[i + 1], v2 = values[i + 2], v3 = values[i + 3];
                int f0 = 0, f1 = 0, f2 = 0, f3 = 0;
                for (int length = bounds.Length; length > 1; length -= length >> 1)
                {
                    int half = length >> 1;
                    f0 += half & Below(bounds[f0 + half], v0);
                    f1 += half & Below(bounds[f1 + half], v1);
                    f2 += half & Below(bounds[f2 + half], v2);
                    f3 += half & Below(bounds[f3 + half], v3);
                }
                bins[i] = NumericBin(bounds, f0, v0);
                bins[i + 1] = NumericBin(bounds, f1, v1);
                bins[i + 2] = NumericBin(bounds, f2, v2);
                bins[i + 3] = NumericBin(bounds, f3, v3);
            }
        }
        for (; i < values.Length; i++) bins[i] = ToBin(values[i]);
    }

    /// <summary>
    /// All ones when <paramref name="bound"/> &lt; <paramref name="value"/>, else zero, read from the sign of their
    /// difference (distinct doubles never subtract to zero) so that the JIT cannot turn it into a branch.
    /// </summary>
    private static int Below(double bound, double value) => (int)(BitConverter.DoubleToInt64Bits(bound - value) >> 63);

    private static byte NumericBin(ReadOnlySpan<double> bounds, int first, double value) =>
        double.IsNaN(value) ? (byte)0 : (byte)(first + (bounds[first] < value ? 2 : 1));

    private static double Midpoint(double a, double b)
    {
        double mid = a + (b - a) / 2;
        // Adjacent doubles can round the midpoint up to b; the bound must stay below b.
        return mid < b ? mid : a;
    }
}
