using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// The sorted distinct split thresholds one numeric feature uses anywhere in an ensemble. A value's bin is the number
/// of thresholds strictly below it, so for the threshold at index <c>j</c>, <c>value &lt;= threshold</c> holds exactly
/// when <c>bin &lt;= j</c>: once a row's value is binned, every split on the feature is a comparison of two small
/// integers that reproduces the double comparison bit for bit (±0 compare equal in both; subnormals, infinities and
/// values outside the training range need no special case). NaN gets <see cref="MissingBin"/>.
/// </summary>
internal sealed class ThresholdBins
{
    /// <summary>
    /// At most this many thresholds per feature, so that bins 0..254 and <see cref="MissingBin"/> fit in a byte. Our
    /// learner bins each feature into at most 255 bins, so its models never have more.
    /// </summary>
    public const int MaxThresholds = 254;

    /// <summary>The bin of a missing value (NaN): above every real bin.</summary>
    public const byte MissingBin = 255;

    private const int GroupSize = 16;
    private const int TableSize = GroupSize * GroupSize;

    /// <summary>
    /// The thresholds ascending, padded with +∞ to 256 entries: 16 groups of 16. The last threshold of each group is a
    /// "fence": the fences below a value give its group, the thresholds of that group below it give its place there.
    /// Two rounds of SIMD comparisons and a population count replace a binary search's eight dependent loads.
    /// </summary>
    private readonly double[] _table;
    private readonly double[] _fences;

    private ThresholdBins(double[] distinct)
    {
        Count = distinct.Length;
        _table = new double[TableSize];
        Array.Fill(_table, double.PositiveInfinity);
        distinct.CopyTo(_table, 0);
        _fences = [.. Enumerable.Range(0, GroupSize).Select(g => _table[g * GroupSize + GroupSize - 1])];
    }

    /// <summary>Number of distinct thresholds (so bins run from 0 to <see cref="Count"/>).</summary>
    public int Count { get; }

    /// <summary>
    /// The bins of <paramref name="thresholds"/>, or null when they cannot be binned exactly: more than
    /// <see cref="MaxThresholds"/> distinct values, or a NaN threshold (which no value passes and no order can place).
    /// </summary>
    public static ThresholdBins? TryCreate(IEnumerable<double> thresholds)
    {
        var sorted = thresholds.ToArray();
        if (sorted.Any(double.IsNaN)) return null;
        Array.Sort(sorted);
        var distinct = new List<double>();
        foreach (double t in sorted)
        {
            // == rather than bit equality: -0 and +0 split every value the same way, so they are one threshold.
            if (distinct.Count == 0 || t != distinct[^1]) distinct.Add(t);
        }
        return distinct.Count > MaxThresholds ? null : new ThresholdBins([.. distinct]);
    }

    /// <summary>The index of <paramref name="threshold"/> among the distinct thresholds (it must be one of them).</summary>
    public int IndexOf(double threshold)
    {
        int index = Bin(threshold);
        if (index >= Count || _table[index] != threshold)
            throw new InvalidOperationException($"Threshold {threshold} was not collected for this feature.");
        return index;
    }

    /// <summary>The bin of one value (number of thresholds strictly below it; <see cref="MissingBin"/> for NaN).</summary>
    public byte Bin(double value)
    {
        Span<byte> bin = stackalloc byte[1];
        Bins(ref value, 0, bin);
        return bin[0];
    }

    /// <summary>Bins <c>output.Length</c> values read <paramref name="stride"/> apart from <paramref name="first"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: optimised from the first call
    public void Bins(ref double first, int stride, Span<byte> output)
    {
        ref double table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref double fences = ref MemoryMarshal.GetArrayDataReference(_fences);
        if (Vector512.IsHardwareAccelerated)
        {
            var f0 = Vector512.LoadUnsafe(ref fences);
            var f1 = Vector512.LoadUnsafe(ref fences, 8);
            bool oneFenceVector = _table[8 * GroupSize - 1] == double.PositiveInfinity; // then so are the later fences
            for (int r = 0; r < output.Length; r++)
            {
                double value = Unsafe.Add(ref first, r * stride);
                var v = Vector512.Create(value);
                ulong below = Vector512.LessThan(f0, v).ExtractMostSignificantBits();
                if (!oneFenceVector) below |= Vector512.LessThan(f1, v).ExtractMostSignificantBits() << 8;
                int group = BitOperations.PopCount(below);
                ref double slice = ref Unsafe.Add(ref table, group * GroupSize);
                int bin = group * GroupSize + BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref slice), v).ExtractMostSignificantBits()
                    | (Vector512.LessThan(Vector512.LoadUnsafe(ref slice, 8), v).ExtractMostSignificantBits() << 8));
                output[r] = Missing(value, bin);
            }
        }
        else
        {
            var f0 = Vector256.LoadUnsafe(ref fences);
            var f1 = Vector256.LoadUnsafe(ref fences, 4);
            var f2 = Vector256.LoadUnsafe(ref fences, 8);
            var f3 = Vector256.LoadUnsafe(ref fences, 12);
            for (int r = 0; r < output.Length; r++)
            {
                double value = Unsafe.Add(ref first, r * stride);
                var v = Vector256.Create(value);
                int group = BitOperations.PopCount(Below(f0, f1, f2, f3, v));
                ref double slice = ref Unsafe.Add(ref table, group * GroupSize);
                int bin = group * GroupSize + BitOperations.PopCount(Below(Vector256.LoadUnsafe(ref slice), Vector256.LoadUnsafe(ref slice, 4),
                    Vector256.LoadUnsafe(ref slice, 8), Vector256.LoadUnsafe(ref slice, 12), v));
                output[r] = Missing(value, bin);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Below(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d, Vector256<double> v) =>
        Vector256.LessThan(a, v).ExtractMostSignificantBits() | (Vector256.LessThan(b, v).ExtractMostSignificantBits() << 4)
        | (Vector256.LessThan(c, v).ExtractMostSignificantBits() << 8) | (Vector256.LessThan(d, v).ExtractMostSignificantBits() << 12);

    /// <summary>NaN is below no threshold, so its search gives 0; it is moved to <see cref="MissingBin"/> without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Missing(double value, int bin) => (byte)(bin | -Unsafe.BitCast<bool, byte>(double.IsNaN(value)));
}
