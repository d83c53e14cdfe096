using Predictor.Training.Validation;

namespace Predictor.Training.Pipeline;

/// <summary>The whole pipeline as a learner for the resampling loops (cross-validation, the optimism bootstrap).</summary>
public static class PipelineLearner
{
    /// <summary>Fits the pipeline on a set with the loop's thread budget and returns its calibrated probabilities.</summary>
    public static LearnerFit For(PipelineOptions options) =>
        (train, threads) => ClinicalPipeline.Fit(train, options with { Threads = threads }).Model.PredictProbabilities;
}
