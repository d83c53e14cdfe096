using Predictor.Scoring.Serialization;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Tests.Support;

namespace Predictor.Training.Tests.Gbdt;

public class LearnerBehaviourTests
{
    private static readonly TrainingSet Train = SyntheticCohort.Generate(3000, seed: 1);
    private static readonly TrainingSet Test = SyntheticCohort.Generate(3000, seed: 2);

    private static GbdtOptions Options => GbdtPresets.Default with { Trees = 40, Threads = 1 };

    [Fact]
    public void The_learner_finds_the_simulated_signal_on_held_out_patients()
    {
        var model = BoostingTrainer.Train(Train, Options).Model;
        double auc = RocAuc.Compute(SyntheticCohort.Predict(model, Test), Test.Labels);
        // The true model's AUC on this cohort is about 0.80; a learner that ignores the features scores 0.5.
        Assert.InRange(auc, 0.74, 1.0);
        Assert.Equal(40, model.Trees.Count);
        Assert.All(model.Trees, t => Assert.True(t.LeafCount <= 20));
    }

    [Fact]
    public void The_same_data_seed_and_options_give_the_same_model_bit_for_bit_with_one_or_two_threads()
    {
        var options = Options with { RowSubsample = 0.8, FeatureSubsample = 0.8, Seed = 7 };
        string one = ModelJson.ToJson(BoostingTrainer.Train(Train, options with { Threads = 1 }).Model);
        string two = ModelJson.ToJson(BoostingTrainer.Train(Train, options with { Threads = 2 }).Model);
        string again = ModelJson.ToJson(BoostingTrainer.Train(Train, options with { Threads = 2 }).Model);
        Assert.Equal(one, two);
        Assert.Equal(two, again);
    }

    [Fact]
    public void Two_threads_give_the_same_model_on_data_large_enough_to_build_histograms_in_parallel()
    {
        var large = SyntheticCohort.Generate(60_000, seed: 3);
        var options = Options with { Trees = 5 };
        Assert.Equal(
            ModelJson.ToJson(BoostingTrainer.Train(large, options with { Threads = 1 }).Model),
            ModelJson.ToJson(BoostingTrainer.Train(large, options with { Threads = 2 }).Model));
    }

    [Fact]
    public void Subsampling_depends_on_the_seed()
    {
        var options = Options with { Trees = 5, RowSubsample = 0.5, FeatureSubsample = 0.6 };
        Assert.NotEqual(
            ModelJson.ToJson(BoostingTrainer.Train(Train, options with { Seed = 1 }).Model),
            ModelJson.ToJson(BoostingTrainer.Train(Train, options with { Seed = 2 }).Model));
    }

    [Fact]
    public void Feature_subsampling_keeps_each_tree_to_its_drawn_features()
    {
        var model = BoostingTrainer.Train(Train, Options with { Trees = 10, FeatureSubsample = 0.2 }).Model;
        Assert.All(model.Trees, t => Assert.True(t.SplitFeature.Distinct().Count() <= 1));
    }

    [Fact]
    public void Early_stopping_keeps_the_round_with_the_best_validation_loss()
    {
        // A large learning rate overfits quickly, so validation loss turns upward well before 300 trees.
        var options = Options with { Trees = 300, LearningRate = 0.8, Leaves = 31, MinRowsPerLeaf = 2, EarlyStoppingRounds = 10 };
        var result = BoostingTrainer.Train(Train, options, Test);
        Assert.True(result.BestTreeCount < 300);
        Assert.Equal(result.BestTreeCount, result.Model.Trees.Count);
        Assert.Equal(result.BestTreeCount + 10, result.ValidationLoss.Count);
        Assert.Equal(result.ValidationLoss.Min(), result.ValidationLoss[result.BestTreeCount - 1]);
    }

    [Fact]
    public void Early_stopping_without_a_validation_set_holds_out_part_of_the_training_rows()
    {
        var result = BoostingTrainer.Train(Train, Options with { Trees = 300, LearningRate = 0.8, EarlyStoppingRounds = 5 });
        Assert.True(result.BestTreeCount < 300);
        Assert.NotEmpty(result.ValidationLoss);
    }

    [Fact]
    public void An_increasing_constraint_makes_risk_never_fall_as_p_akt_rises()
    {
        var options = Options with { MonotoneConstraints = new Dictionary<string, int> { ["p_akt_hscore"] = 1, ["pten_hscore"] = -1 } };
        var model = BoostingTrainer.Train(Train, options).Model;
        for (int i = 0; i < 200; i++)
        {
            var row = Test.Row(i);
            double previous = double.NegativeInfinity;
            for (double pakt = 0; pakt <= 300; pakt += 5)
            {
                row[0] = pakt;
                double p = model.Predict(row);
                Assert.True(p >= previous, $"risk fell from {previous} to {p} at p-AKT {pakt}");
                previous = p;
            }
            previous = double.PositiveInfinity;
            row = Test.Row(i);
            for (double pten = 0; pten <= 300; pten += 5)
            {
                row[1] = pten;
                double p = model.Predict(row);
                Assert.True(p <= previous, $"risk rose from {previous} to {p} at PTEN {pten}");
                previous = p;
            }
        }
    }

    [Fact]
    public void Rows_with_missing_values_are_kept_and_scored()
    {
        var model = BoostingTrainer.Train(Train, Options).Model;
        double p = model.Predict([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]);
        Assert.InRange(p, 0.0, 1.0);
        Assert.Contains(model.Trees, t => Enumerable.Range(0, t.NodeCount).Any(n => t.DefaultLeft[n]));
        Assert.Contains(model.Trees, t => Enumerable.Range(0, t.NodeCount).Any(n => !t.DefaultLeft[n]));
    }

    [Fact]
    public void Invalid_options_and_constraints_are_rejected_with_the_offending_name()
    {
        Assert.Contains("Leaves", Assert.Throws<ArgumentException>(() => BoostingTrainer.Train(Train, Options with { Leaves = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("nope", Assert.Throws<ArgumentException>(() => BoostingTrainer.Train(Train,
            Options with { MonotoneConstraints = new Dictionary<string, int> { ["nope"] = 1 } })).Message, StringComparison.Ordinal);
        Assert.Contains("categorical", Assert.Throws<ArgumentException>(() => BoostingTrainer.Train(Train,
            Options with { MonotoneConstraints = new Dictionary<string, int> { ["etiology"] = 1 } })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_depth_limits_every_path()
    {
        var model = BoostingTrainer.Train(Train, Options with { Trees = 5, MaxDepth = 2, Leaves = 31 }).Model;
        Assert.All(model.Trees, t => Assert.True(t.LeafCount <= 4));
    }

    [Fact]
    public void The_fasttree_preset_has_fasttree_defaults()
    {
        var p = GbdtPresets.ByName("fasttree");
        Assert.Equal((100, 20, 0.2, 10, 255), (p.Trees, p.Leaves, p.LearningRate, p.MinRowsPerLeaf, p.MaxBins));
        Assert.Throws<ArgumentException>(() => GbdtPresets.ByName("lightgbm"));
    }
}
