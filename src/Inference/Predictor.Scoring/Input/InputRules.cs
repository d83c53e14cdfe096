namespace Predictor.Scoring.Input;

/// <summary>What to do with a category name (or code) the model was not trained on.</summary>
public enum UnknownCategoryRule
{
    /// <summary>Throw a <see cref="ScoringInputException"/> naming the feature and the known levels.</summary>
    Reject,

    /// <summary>Score the value as missing: every tree sends it to the node's default (missing-value) side.</summary>
    ScoreAsMissing,
}

/// <summary>What to do with a number outside the range the model saw in training (<c>Minimum</c>..<c>Maximum</c>).</summary>
public enum OutOfRangeRule
{
    /// <summary>Throw a <see cref="ScoringInputException"/> naming the feature and the training range.</summary>
    Reject,

    /// <summary>
    /// Replace the value by the nearest end of the training range. The value is then scored like the nearest training
    /// value by every part of the model: the trees (which score it that way anyway, since a trained model's thresholds
    /// lie within the range) and the linear terms (which would otherwise extend their straight line beyond the data).
    /// </summary>
    Clamp,

    /// <summary>Score the value as missing.</summary>
    ScoreAsMissing,

    /// <summary>
    /// Score the value as given. Trees cannot extrapolate: a value beyond the range takes the same path as values
    /// beyond the extreme split thresholds, which for a trained model is the path of the nearest training value. A
    /// linear term does extrapolate: its straight line continues beyond the range, so on a model with a linear margin
    /// an out-of-range value can move the score further than any training value did. Prefer <see cref="Clamp"/> there.
    /// </summary>
    Accept,
}

/// <summary>What to do when a feature the model reads is absent from the input.</summary>
public enum MissingColumnRule
{
    /// <summary>Throw a <see cref="ScoringInputException"/> naming the feature.</summary>
    Reject,

    /// <summary>Score the feature as missing for every patient.</summary>
    ScoreAsMissing,
}

/// <summary>What to do with an input name that is not one of the model's features.</summary>
public enum ExtraColumnRule
{
    /// <summary>Throw a <see cref="ScoringInputException"/> naming the column (usually a misspelt feature name).</summary>
    Reject,

    /// <summary>Ignore the column.</summary>
    Ignore,
}
