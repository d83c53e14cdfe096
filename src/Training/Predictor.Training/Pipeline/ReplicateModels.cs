using System.Collections.Concurrent;
using Predictor.Training.DataSets;
using Predictor.Training.Validation;

namespace Predictor.Training.Pipeline;

/// <summary>
/// Keeps the pipeline model fitted on each bootstrap replicate of the optimism bootstrap, so the report can show the
/// spread of the linear terms over the whole pipeline (penalty and lasso selection included) as their bootstrap
/// interval. <see cref="OptimismBootstrap"/> fits the original set once, for the apparent performance, and each
/// replicate on a new resampled set; fits on the original (the same instance) are not kept. Replicates whose fit
/// failed leave nothing.
/// </summary>
public sealed class ReplicateModels(TrainingSet original)
{
    private readonly ConcurrentBag<PipelineModel> _models = [];

    /// <summary>The replicate models, in no particular order (fits run side by side); an interval does not depend on it.</summary>
    public IReadOnlyList<PipelineModel> Models => [.. _models];

    /// <summary>The whole pipeline as a bootstrap learner (as <see cref="PipelineLearner.For"/>) that keeps each replicate's model.</summary>
    public LearnerFit Learner(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (train, threads) =>
        {
            var model = ClinicalPipeline.Fit(train, options with { Threads = threads }).Model;
            if (!ReferenceEquals(train, original)) _models.Add(model);
            return model.PredictProbabilities;
        };
    }
}
