using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Pipeline;
using Predictor.Training.Progress;
using Predictor.Training.Tests.Support;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>The per-tree progress of one fit, and that watching it changes nothing.</summary>
public class TrainingProgressTests
{
    private static readonly Predictor.Training.DataSets.TrainingSet Train = SyntheticCohort.Generate(600, seed: 5);

    [Fact]
    public void Each_tree_is_reported_in_order_out_of_the_trees_asked_for()
    {
        var seen = new Recorder();
        var options = GbdtPresets.Default with { Trees = 12, Threads = 1 };
        var watched = BoostingTrainer.Train(Train, options, progress: seen);
        Assert.Equal(Enumerable.Range(1, 12).Select(t => new WorkProgress(BoostingTrainer.TreesStage, t, 12)), seen.Values);
        // Watching must not change the model.
        Assert.Equal(
            Scoring.Serialization.ModelJson.ToJson(BoostingTrainer.Train(Train, options).Model),
            Scoring.Serialization.ModelJson.ToJson(watched.Model));
    }

    [Fact]
    public void Early_stopping_ends_the_count_full_at_the_trees_kept()
    {
        var seen = new Recorder();
        var options = GbdtPresets.Default with { Trees = 2000, LearningRate = 0.5, Leaves = 16, MinRowsPerLeaf = 2, EarlyStoppingRounds = 5, Threads = 1 };
        var result = BoostingTrainer.Train(Train, options, progress: seen);
        Assert.True(result.ValidationLoss.Count < 2000, "this setting should overfit and stop early");
        Assert.Equal(new WorkProgress(BoostingTrainer.TreesStage, result.BestTreeCount, result.BestTreeCount), seen.Values[^1]);
        Assert.Equal(result.ValidationLoss.Count, seen.Values.Count - 1);
        Assert.All(seen.Values.SkipLast(1), v => Assert.Equal(2000, v.Total));
    }

    [Fact]
    public void The_pipeline_reports_the_final_models_trees_as_its_final_model_stage()
    {
        var seen = new Recorder();
        var result = ClinicalPipeline.Fit(SyntheticCohort.Generate(120, seed: 6), new PipelineOptions { Threads = 1, Folds = 3 }, seen);
        var final = seen.Values.Where(v => v.Stage == "final model").ToList();
        int trees = result.Model.Ensemble.Trees.Count;
        Assert.Equal(Enumerable.Range(1, trees), final.Select(v => v.Done));
        Assert.All(final, v => Assert.Equal(trees, v.Total));
        // The tuning and out-of-fold fits do not report their trees: only their folds.
        Assert.DoesNotContain(seen.Values, v => v.Stage == BoostingTrainer.TreesStage);
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to a thread-pool thread).</summary>
    private sealed class Recorder : IProgress<WorkProgress>
    {
        public List<WorkProgress> Values { get; } = [];

        public void Report(WorkProgress value) => Values.Add(value);
    }
}
