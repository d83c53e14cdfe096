using Predictor.Training.Pipeline;
using Predictor.Training.Tests.Support;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Pipeline;

public sealed class ReplicateModelsTests
{
    [Fact]
    public void KeepsOneModelPerReplicateAndNotTheFitOnTheOriginalData()
    {
        var data = SyntheticCohort.Generate(80, 12);
        var options = new PipelineOptions { Folds = 3, Threads = 1, Seed = 2 };
        var kept = new ReplicateModels(data);
        var result = OptimismBootstrap.Run(data, kept.Learner(options), 3, options.Seed, threads: 2);
        Assert.Equal(result.Replicates, kept.Models.Count);
        // The optimism is the same as with the plain pipeline learner: keeping the models changes nothing.
        var plain = OptimismBootstrap.Run(data, PipelineLearner.For(options), 3, options.Seed, threads: 2);
        Assert.Equal(plain.Metrics.Select(m => m.Optimism), result.Metrics.Select(m => m.Optimism));
        // None of them is the model of the original data (the replicates are resamples, fitted to other rows).
        var original = ClinicalPipeline.Fit(data, options).Model.PredictProbabilities(data);
        Assert.All(kept.Models, m => Assert.NotEqual(original, m.PredictProbabilities(data)));
    }
}
