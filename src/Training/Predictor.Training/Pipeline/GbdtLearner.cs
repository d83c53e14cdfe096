using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Progress;
using Predictor.Training.Tuning;

namespace Predictor.Training.Pipeline;

/// <summary>Our own gradient-boosted trees: the pipeline's default learner.</summary>
public sealed class GbdtLearner : IEnsembleLearner
{
    public static GbdtLearner Instance { get; } = new();

    private GbdtLearner()
    {
    }

    public string Name => "ours";

    public bool SupportsLinearStart => true;

    public TuningResult Tune(TrainingSet data, IReadOnlyList<int[]> folds, GbdtOptions start, Regularisation? linearStart, TuningSearch search, IProgress<WorkProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        return GbdtTuner.Tune(data, folds, TuningGrid.For(data.RowCount, start, linearStart), progress, search);
    }

    public TreeEnsemble Fit(TrainingSet data, GbdtOptions settings, int threads, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return BoostingTrainer.Train(data, settings with { Threads = threads }, progress: progress).Model;
    }
}
