using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.Calibration;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Thresholds;

namespace Predictor.Training.Pipeline;

/// <summary>What the pipeline produces for scoring: the tuned ensemble, its calibrator, the decision threshold and the comparator.</summary>
public sealed record PipelineModel(
    TreeEnsemble Ensemble,
    GbdtOptions Settings,
    ICalibrator Calibrator,
    double Threshold,
    ThresholdRule Rule,
    LogisticBaselineModel Baseline)
{
    /// <summary>Calibrated probabilities for a set holding (at least) the model's features.</summary>
    public double[] PredictProbabilities(TrainingSet data)
    {
        var raw = EnsembleScores.Predict(Ensemble, data);
        for (int i = 0; i < raw.Length; i++) raw[i] = Calibrator.Apply(raw[i]);
        return raw;
    }

    /// <summary>The comparator's probabilities for the same rows.</summary>
    public double[] PredictBaseline(TrainingSet data) => Baseline.Predict(FeatureSubset.Keep(data, Ensemble.Features.Select(f => f.Name)));
}
