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
    /// the feature is <c>Unsafe.Add(ref value0, r * stride)</c>. Numeric terms take four rows per vector: the same
    /// multiply and the same choice of <see cref="MissingValue"/> for NaN as <see cref="Evaluate"/>, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per block and term: its short loops never tier up on their own
    internal void AddTo(ref double value0, int stride, Span<double> sums)
    {
        ref double sum0 = ref MemoryMarshal.GetReference(sums);
        int r = 0;
        if (!IsCategorical && Vector256.IsHardwareAccelerated)
        {
            var slope = Vector256.Create(Slope);
            var missing = Vector256.Create(MissingValue);
            int vectors = sums.Length - Vector256<double>.Count;
            if (stride == 1)
            {
                for (; r <= vectors; r += Vector256<double>.Count)
                    AddNumeric(Vector256.LoadUnsafe(ref value0, (nuint)r), slope, missing, ref sum0, r);
            }
            else
            {
                for (; r <= vectors; r += Vector256<double>.Count)
                {
                    ref double x = ref Unsafe.Add(ref value0, r * stride);
                    var values = Vector256.Create(x, Unsafe.Add(ref x, stride), Unsafe.Add(ref x, 2 * stride), Unsafe.Add(ref x, 3 * stride));
                    AddNumeric(values, slope, missing, ref sum0, r);
                }
            }
        }
        for (; r < sums.Length; r++) Unsafe.Add(ref sum0, r) += Evaluate(Unsafe.Add(ref value0, r * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddNumeric(Vector256<double> values, Vector256<double> slope, Vector256<double> missing, ref double sum0, int r)
    {
        // NaN is the one value unequal to itself; infinities still go through the multiply, as in Evaluate.
        var value = Vector256.ConditionalSelect(Vector256.Equals(values, values), slope * values, missing);
        (Vector256.LoadUnsafe(ref sum0, (nuint)r) + value).StoreUnsafe(ref sum0, (nuint)r);
    }
}
