namespace Predictor.Scoring.Input;

/// <summary>
/// How <see cref="InputBinder"/> treats input the model's schema does not cover. Every rule either raises a
/// <see cref="ScoringInputException"/> or applies a documented fallback; none lets a bad value reach the trees
/// unnoticed. Values that are never acceptable whatever the policy: infinities, a number for a categorical feature,
/// text for a numeric feature, and columns of different lengths. A null (or NaN) value is a missing value, which the
/// trees route by design and linear terms score with their own missing value, so it is always accepted.
/// </summary>
public sealed record InputPolicy
{
    /// <summary>Rule for category names the model was not trained on.</summary>
    public UnknownCategoryRule UnknownCategory { get; init; } = UnknownCategoryRule.Reject;

    /// <summary>Rule for numbers outside the training range recorded in the model.</summary>
    public OutOfRangeRule OutOfRange { get; init; } = OutOfRangeRule.Reject;

    /// <summary>Rule for features absent from the input.</summary>
    public MissingColumnRule MissingColumn { get; init; } = MissingColumnRule.Reject;

    /// <summary>Rule for input names that are not model features.</summary>
    public ExtraColumnRule ExtraColumn { get; init; } = ExtraColumnRule.Reject;

    /// <summary>Every rule rejects: the default, and the right choice for scoring one patient at a time.</summary>
    public static InputPolicy Strict { get; } = new();

    /// <summary>
    /// The rules of the table adapters (predict, worker): unknown categories and absent features score as missing,
    /// out-of-range numbers are clamped to the training range, extra columns are ignored. Suitable for data already
    /// checked against the cohort contract. Clamping leaves a trained model's trees scoring exactly as they would the
    /// value given (they cannot extrapolate), and stops a linear margin from extrapolating beyond the training data.
    /// </summary>
    public static InputPolicy Tolerant { get; } = new()
    {
        UnknownCategory = UnknownCategoryRule.ScoreAsMissing,
        OutOfRange = OutOfRangeRule.Clamp,
        MissingColumn = MissingColumnRule.ScoreAsMissing,
        ExtraColumn = ExtraColumnRule.Ignore,
    };
}
