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
    public double Evaluate(double value)
    {
        if (double.IsNaN(value)) return MissingValue;
        if (!IsCategorical) return Slope * value;
        // A code outside the levels (negative, too large or not a whole number) is scored as missing, as the trees score it.
        return value >= 0 && value < _levelValues.Length && value == Math.Floor(value) ? _levelValues[(int)value] : MissingValue;
    }
}
