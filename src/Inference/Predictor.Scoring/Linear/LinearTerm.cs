using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Predictor.Scoring.Linear;

/// <summary>
/// One feature's straight-line share of a model's starting log-odds (see <see cref="LinearMargin"/>). A numeric
/// feature contributes <c>Slope × value</c>; a categorical feature contributes the value of its level; a missing
/// value, or a level code the model does not know, contributes <see cref="MissingValue"/>. Everything a design matrix
/// would do (imputation, indicators, one-hot columns, standardisation) is folded into these few numbers, so scoring
/// and exporting need no design of their own.
/// </summary>
public sealed class LinearTerm
{
    private readonly double[] _levelValues;

    private LinearTerm(int feature, bool categorical, double slope, double[] levelValues, double missingValue, double meanContribution)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        if (!double.IsFinite(slope) || !double.IsFinite(missingValue) || !double.IsFinite(meanContribution) || levelValues.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"The linear term of feature {feature} has a value that is not finite.");
        Feature = feature;
        IsCategorical = categorical;
        Slope = slope;
        _levelValues = levelValues;
        MissingValue = missingValue;
        MeanContribution = meanContribution;
    }

    /// <summary>A term on a numeric feature.</summary>
    /// <param name="feature">Index of the feature in the model's row order.</param>
    /// <param name="slope">Log-odds per unit of the feature.</param>
    /// <param name="missingValue">Log-odds when the value is missing.</param>
    /// <param name="meanContribution">The term's mean over the training rows: the reference its explanations are measured from.</param>
    public static LinearTerm Numeric(int feature, double slope, double missingValue, double meanContribution) =>
        new(feature, categorical: false, slope, [], missingValue, meanContribution);

    /// <summary>A term on a categorical feature: one log-odds value per level code, <paramref name="missingValue"/> when missing or unknown.</summary>
    public static LinearTerm Categorical(int feature, IReadOnlyList<double> levelValues, double missingValue, double meanContribution)
    {
        ArgumentNullException.ThrowIfNull(levelValues);
        return new(feature, categorical: true, 0, [.. levelValues], missingValue, meanContribution);
    }

    /// <summary>Index of the feature in the model's row order.</summary>
    public int Feature { get; }

    /// <summary>Whether the term reads level codes rather than numbers (a categorical term may have no levels at all).</summary>
    public bool IsCategorical { get; }

    /// <summary>Log-odds per unit of a numeric feature (0 for a categorical term).</summary>
    public double Slope { get; }

    /// <summary>Log-odds of each level, by code (empty for a numeric term).</summary>
    public IReadOnlyList<double> LevelValues => _levelValues;

    /// <summary>Log-odds when the value is missing (or, for a categorical feature, a code the model does not know).</summary>
    public double MissingValue { get; }

    /// <summary>The term's mean over the training rows; TreeSHAP measures the term's contribution from it.</summary>
    public double MeanContribution { get; }

    /// <summary>The term's log-odds for one value of its feature.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inside every scorer's per-row loop
    public double Evaluate(double value)
    {
        if (double.IsNaN(value)) return MissingValue;
        if (!IsCategorical) return Slope * value;
        // A code outside the levels (negative, too large or not a whole number) is scored as missing, as the trees score it.
        return value >= 0 && value < _levelValues.Length && value == Math.Floor(value) ? _levelValues[(int)value] : MissingValue;
    }

    /// <summary>
    /// Adds the term's value for each of <c>sums.Length</c> rows to <paramref name="sums"/>; row <c>r</c>'s value of
    /// the feature is <c>Unsafe.Add(ref value0, r * stride)</c>. Four rows per vector where the CPU has 256-bit SIMD:
    /// the same multiply, level and choice of <see cref="MissingValue"/> as <see cref="Evaluate"/>, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per block and term: its short loops never tier up on their own
    internal void AddTo(ref double value0, int stride, Span<double> sums)
    {
        int r = 0;
        if (Vector256.IsHardwareAccelerated && _levelValues.Length <= MaxVectorLevels)
            r = stride == 1 ? AddVectors<AdjacentRows>(ref value0, stride, sums) : AddVectors<StridedRows>(ref value0, stride, sums);
        ref double sum0 = ref MemoryMarshal.GetReference(sums);
        for (; r < sums.Length; r++) Unsafe.Add(ref sum0, r) += Evaluate(Unsafe.Add(ref value0, r * stride));
    }

    /// <summary>Categorical terms with more levels than this compare too often per vector; they are scored row by row.</summary>
    private const int MaxVectorLevels = 16;

    /// <summary>Adds the whole vectors of rows; returns how many rows that covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddVectors<TRows>(ref double value0, int stride, Span<double> sums)
        where TRows : struct, IRowVector
    {
        ref double sum0 = ref MemoryMarshal.GetReference(sums);
        var missing = Vector256.Create(MissingValue);
        int r = 0, last = sums.Length - Vector256<double>.Count;
        if (IsCategorical)
        {
            for (; r <= last; r += Vector256<double>.Count)
                Add(ref sum0, r, LevelOf(TRows.Load(ref value0, r, stride), missing));
        }
        else
        {
            var slope = Vector256.Create(Slope);
            for (; r <= last; r += Vector256<double>.Count)
            {
                var values = TRows.Load(ref value0, r, stride);
                // NaN is the one value unequal to itself; infinities still go through the multiply, as in Evaluate.
                Add(ref sum0, r, Vector256.ConditionalSelect(Vector256.Equals(values, values), slope * values, missing));
            }
        }
        return r;
    }

    /// <summary>
    /// The level value of four codes: a code is known exactly when it equals one of 0 .. levels - 1 (NaN equals none,
    /// -0 equals 0), which is <see cref="Evaluate"/>'s whole-number-in-range test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> LevelOf(Vector256<double> codes, Vector256<double> missing)
    {
        var value = missing;
        for (int code = 0; code < _levelValues.Length; code++)
            value = Vector256.ConditionalSelect(Vector256.Equals(codes, Vector256.Create((double)code)), Vector256.Create(_levelValues[code]), value);
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double sum0, int r, Vector256<double> value) =>
        (Vector256.LoadUnsafe(ref sum0, (nuint)r) + value).StoreUnsafe(ref sum0, (nuint)r);
}
