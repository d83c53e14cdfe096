using Predictor.Training.Calibration;
using Predictor.Training.Evaluation;
using Predictor.Training.Tuning;

namespace Predictor.Training.Pipeline;

/// <summary>
/// The fitted pipeline and how it did. <see cref="CrossValidated"/> scores the calibrated out-of-fold predictions of the
/// chosen settings; tuning used the same folds, so it is mildly optimistic: the optimism bootstrap
/// (<see cref="Validation.OptimismBootstrap"/>) and the <c>cv</c> verb's nested cross-validation give the honest figures.
/// </summary>
public sealed record PipelineResult(
    PipelineModel Model,
    int Rows,
    int Positives,
    int Folds,
    TuningResult Tuning,
    CalibrationChoice Calibration,
    PerformanceSummary Apparent,
    PerformanceSummary CrossValidated,
    PerformanceSummary BaselineCrossValidated,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Calibrated out-of-fold probability of each row (in the order of the audited set): what
    /// <see cref="CrossValidated"/> scores, and what the report's charts draw.
    /// </summary>
    public IReadOnlyList<double> OutOfFold { get; init; } = [];

    /// <summary>Name of the tree learner that was tuned and fitted (<see cref="IEnsembleLearner.Name"/>).</summary>
    public string Learner { get; init; } = GbdtLearner.Instance.Name;
}
