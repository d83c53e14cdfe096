using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Progress;
using Predictor.Training.Tuning;

namespace Predictor.Training.Pipeline;

/// <summary>
/// The tree learner inside the clinical pipeline. The pipeline owns everything around it (folds, calibration,
/// threshold, comparator, bootstrap); a learner only chooses its settings on the pipeline's folds and fits them. Its
/// fitted model is always our <see cref="TreeEnsemble"/>, so every consumer of a model file serves it unchanged.
/// </summary>
public interface IEnsembleLearner
{
    /// <summary>Short name written to the model file and the summary ("ours", "fasttree", "lightgbm").</summary>
    string Name { get; }

    /// <summary>Whether tuning may boost from a penalised logistic regression (only our learner can).</summary>
    bool SupportsLinearStart { get; }

    /// <summary>Chooses settings by cross-validation on <paramref name="folds"/>; the winner carries its tree count.</summary>
    /// <param name="data">The audited training set.</param>
    /// <param name="folds">The pipeline's stratified folds (held-out rows of each).</param>
    /// <param name="start">Settings the candidates start from (seed, threads, bins...).</param>
    /// <param name="linearStart">Penalty of linear-start candidates, or null; ignored unless <see cref="SupportsLinearStart"/>.</param>
    /// <param name="search">Folds or a validation set, and a time budget (<see cref="TuningSearch"/>); a learner that cannot honour one throws <see cref="ArgumentException"/>.</param>
    /// <param name="progress">Progress sink, or null.</param>
    TuningResult Tune(TrainingSet data, IReadOnlyList<int[]> folds, GbdtOptions start, Regularisation? linearStart, TuningSearch search, IProgress<WorkProgress>? progress);

    /// <summary>Fits <paramref name="settings"/> on <paramref name="data"/> with <paramref name="threads"/> threads.</summary>
    TreeEnsemble Fit(TrainingSet data, GbdtOptions settings, int threads, IProgress<WorkProgress>? progress = null);
}
