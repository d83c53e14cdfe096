using Predictor.Training.Gbdt;
using Predictor.Training.Thresholds;
using Predictor.Training.Tuning;

namespace Predictor.Training.Pipeline;

/// <summary>Settings of the default training pipeline (<see cref="ClinicalPipeline"/>).</summary>
public sealed record PipelineOptions
{
    /// <summary>Cross-validation folds for tuning, calibration and the threshold (fewer when the rarer class is smaller).</summary>
    public int Folds { get; init; } = 5;

    public ulong Seed { get; init; } = 42;

    /// <summary>Threads for the whole run; independent fits share them, so the result does not depend on the count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public ThresholdRule Threshold { get; init; } = ThresholdRule.Youden;

    /// <summary>L1 share of the logistic comparator's penalty: 0 (the default) is ridge, above 0 an elastic net.</summary>
    public double BaselineL1Ratio { get; init; }

    /// <summary>
    /// Whether tuning may also choose to boost from a penalised logistic regression (a linear start, with few trees or
    /// none on top). On by default: cross-validation decides whether it wins. Off gives trees from the base rate only.
    /// </summary>
    public bool LinearStart { get; init; } = true;

    /// <summary>
    /// L1 ratios the linear start's regression may use; cross-validation picks one together with its penalty. The
    /// default, ridge and the lasso, is <see cref="Baselines.PenalisedLogisticRegression.L1RatioGrid"/>.
    /// </summary>
    public IReadOnlyList<double> LinearStartL1Ratios { get; init; } = Baselines.PenalisedLogisticRegression.L1RatioGrid;

    /// <summary>The tree learner tuned and fitted inside the pipeline; our own by default.</summary>
    public IEnsembleLearner Learner { get; init; } = GbdtLearner.Instance;

    /// <summary>
    /// How tuning searches: the pipeline's folds (default) or a validation set with the training set's features, and
    /// a time budget. Calibration, the threshold and the cross-validated figures use the folds either way.
    /// </summary>
    public TuningSearch Search { get; init; } = TuningSearch.CrossValidated;

    /// <summary>Settings the tuning grid starts from (monotone constraints, categorical handling, bins).</summary>
    public GbdtOptions Start { get; init; } = GbdtPresets.Default;
}
