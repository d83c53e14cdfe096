namespace Predictor.Scoring.Artifact;

/// <summary>
/// What a model file says about the model besides its trees. Every field is optional in the file: training fills
/// what it knows (a format 1 file has none of them).
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>Name of the label column the model predicts.</summary>
    public string? Label { get; init; }

    /// <summary>What a positive label means, in words (e.g. "resistant to sorafenib/lenvatinib within six months").</summary>
    public string? LabelMeaning { get; init; }

    /// <summary>Maps raw scores to reported probabilities; null means the plain logistic transform.</summary>
    public ProbabilityCalibration? Calibration { get; init; }

    /// <summary>The decision threshold on the (calibrated) probability and the rule that chose it.</summary>
    public DecisionThreshold? Threshold { get; init; }

    /// <summary>Training options by name, written as invariant-culture text.</summary>
    public IReadOnlyDictionary<string, string> TrainingOptions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The random seed training used.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Summary and hash of the training data.</summary>
    public DataFingerprint? Data { get; init; }

    /// <summary>Evaluation metrics by name (e.g. "validation.auc").</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Name and version of the library that produced the file (e.g. "Predictor.Training 0.1.0").</summary>
    public string? Producer { get; init; }

    /// <summary>When the file was created (UTC).</summary>
    public DateTimeOffset? CreatedUtc { get; init; }
}
