using Predictor.Scoring.Input;

namespace Predictor.Scoring.MLNet;

/// <summary>How a model file of ours reads an <see cref="Microsoft.ML.IDataView"/> and names what it adds.</summary>
public sealed record PredictorModelOptions
{
    /// <summary>
    /// The name of one vector column holding every feature in the model's order (Single or Double, of the model's
    /// feature count; categories as 0-based level codes, NaN for missing: the layout of our ONNX export). Null (the
    /// default) reads one column per feature, named as the model's features.
    /// </summary>
    public string? FeaturesColumnName { get; init; }

    /// <summary>
    /// The rules for unknown categories, out-of-range numbers and absent feature columns, as in Predictor.Scoring
    /// (<see cref="InputPolicy.Tolerant"/> by default: the rules <c>predictor predict</c> and the worker use).
    /// Extra columns are always carried through untouched.
    /// </summary>
    public InputPolicy Policy { get; init; } = InputPolicy.Tolerant;

    /// <summary>The raw score column (Double: the model's log-odds before calibration).</summary>
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary>The calibrated probability column (Double), as the model file's calibration gives it.</summary>
    public string ProbabilityColumnName { get; init; } = "Probability";

    /// <summary>The predicted label column (Boolean): the probability at or above the model file's threshold.</summary>
    public string PredictedLabelColumnName { get; init; } = "PredictedLabel";
}
