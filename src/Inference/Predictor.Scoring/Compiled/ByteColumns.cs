using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// The byte columns a block of rows is quantised into before its trees are evaluated, and the quantisation itself.
/// Every split of the ensemble becomes "column byte &gt; threshold byte goes right":
/// <list type="bullet">
/// <item>a numeric feature gets up to two columns, both holding the value's bin (<see cref="ThresholdBins"/>): one for
/// splits that send missing values right (missing = 255, above every threshold) and one for splits that send them left
/// (bin + 1, missing = 0, below every threshold; such splits compare against threshold index + 1);</item>
/// <item>a categorical split gets a column of its own (shared by identical splits) holding 1 where the category goes
/// right and 0 where it goes left, looked up from the row's level code (unknown codes route like missing values).</item>
/// </list>
/// Bytes are stored with the sign bit flipped (b - 128) so that the unsigned comparison is one signed SIMD compare.
/// </summary>
internal sealed class ByteColumns
{
    /// <summary>Level code of missing and unknown categories (so categorical features may have at most 255 levels).</summary>
    public const int MissingCode = 255;

    private readonly List<NumericColumns> _numeric = [];
    private readonly List<CategoryColumns> _categorical = [];
    private readonly Dictionary<(int Feature, bool MissingLeft), int> _numericIndex = [];
    private readonly Dictionary<string, int> _categoryIndex = new(StringComparer.Ordinal);

    /// <summary>Number of columns, i.e. bytes per row of a quantised block.</summary>
    public int Count { get; private set; }

    /// <summary>The column (and threshold byte) that decides a numeric split.</summary>
    public (int Column, byte Threshold) ForNumericSplit(int feature, ThresholdBins bins, double threshold, bool missingLeft)
    {
        int index = bins.IndexOf(threshold);
        int slot = _numeric.FindIndex(n => n.Feature == feature);
        if (slot < 0)
        {
            _numeric.Add(new NumericColumns(feature, bins, -1, -1));
            slot = _numeric.Count - 1;
        }
        if (!_numericIndex.TryGetValue((feature, missingLeft), out int column))
        {
            column = Count++;
            _numericIndex[(feature, missingLeft)] = column;
            _numeric[slot] = missingLeft ? _numeric[slot] with { MissingLeft = column } : _numeric[slot] with { MissingRight = column };
        }
        return (column, (byte)(missingLeft ? index + 1 : index));
    }

    /// <summary>The column (threshold byte 0) that decides a categorical split on a feature of at most 255 levels.</summary>
    public (int Column, byte Threshold) ForCategoricalSplit(int feature, int levels, IReadOnlyList<ulong> left, bool defaultLeft)
    {
        var goesRight = new byte[256];
        int known = Math.Min(levels, left.Count * 64);
        for (int code = 0; code < goesRight.Length; code++)
        {
            bool goesLeft = code < known ? (left[code >> 6] & (1UL << (code & 63))) != 0 : defaultLeft;
            goesRight[code] = goesLeft ? (byte)0 : (byte)1;
        }
        string key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{feature}:{Convert.ToHexString(goesRight)}");
        if (!_categoryIndex.TryGetValue(key, out int column))
        {
            column = Count++;
            _categoryIndex[key] = column;
            int slot = _categorical.FindIndex(c => c.Feature == feature);
            if (slot < 0) _categorical.Add(new CategoryColumns(feature, levels, [(column, goesRight)]));
            else _categorical[slot].Lookups.Add((column, goesRight));
        }
        return (column, 0);
    }

    /// <summary>
    /// Writes <paramref name="rows"/> rows starting at <paramref name="first"/> into <paramref name="block"/>: column
    /// <c>c</c> of row <c>r</c> at <c>c * blockRows + r</c>. Feature <c>f</c> of row <c>r</c> is read at
    /// <c>r * rowStride + f * featureStride</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: optimised from the first call
    public void Quantise(ref double first, int rowStride, int featureStride, int rows, Span<sbyte> block, int blockRows)
    {
        // Feature by feature over the whole block: each feature's thresholds stay in registers and L1 for all its rows.
        Span<byte> bins = stackalloc byte[blockRows];
        bins = bins[..rows];
        foreach (var n in _numeric)
        {
            n.Bins.Bins(ref Unsafe.Add(ref first, n.Feature * featureStride), rowStride, bins);
            // Missing is bin 255, so "missing goes left" columns (bin + 1) wrap it round to 0.
            if (n.MissingRight >= 0) Shift(bins, block.Slice(n.MissingRight * blockRows, rows), 0);
            if (n.MissingLeft >= 0) Shift(bins, block.Slice(n.MissingLeft * blockRows, rows), 1);
        }
        foreach (var c in _categorical)
        {
            ref double value = ref Unsafe.Add(ref first, c.Feature * featureStride);
            foreach (var (column, goesRight) in c.Lookups)
            {
                var output = block.Slice(column * blockRows, rows);
                for (int r = 0; r < rows; r++)
                    output[r] = (sbyte)(goesRight[Code(Unsafe.Add(ref value, r * rowStride), c.Levels)] - 128);
            }
        }
    }

    /// <summary>Writes <c>bin + add</c> (wrapping) with the sign bit flipped.</summary>
    private static void Shift(ReadOnlySpan<byte> bins, Span<sbyte> column, byte add)
    {
        var output = MemoryMarshal.AsBytes(column);
        var offset = Vector256.Create((byte)(add + 128));
        int r = 0;
        for (; r + Vector256<byte>.Count <= bins.Length; r += Vector256<byte>.Count)
            (Vector256.Create(bins.Slice(r, Vector256<byte>.Count)) + offset).CopyTo(output.Slice(r));
        for (; r < bins.Length; r++) output[r] = (byte)(bins[r] + add + 128);
    }

    /// <summary>The level code, or <see cref="MissingCode"/> for NaN and codes the model does not know (as <see cref="TreeEnsemble"/> treats them).</summary>
    private static int Code(double value, int levels) =>
        value >= 0 && value < levels && value == Math.Floor(value) ? (int)value : MissingCode;

    private sealed record NumericColumns(int Feature, ThresholdBins Bins, int MissingRight, int MissingLeft);

    private sealed record CategoryColumns(int Feature, int Levels, List<(int Column, byte[] GoesRight)> Lookups);
}
