using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>
/// Cases small enough to work out by hand. With a balanced base rate the base score is 0, every row has p = 0.5,
/// gradient p − y = ±0.5 and hessian 0.25, so Newton leaf values are −ΣG/(ΣH + λ).
/// </summary>
public class HandComputedTreeTests
{
    private static readonly GbdtOptions Stump = new()
    {
        Trees = 1, Leaves = 2, LearningRate = 1, MinRowsPerLeaf = 1, MinHessianPerLeaf = 0, L2 = 0, Threads = 1,
    };

    private static TrainingSet OneFeature(double[] x, double[] y) => new([new FeatureColumn("x", x)], y);

    [Fact]
    public void A_single_split_lands_midway_between_the_classes_with_newton_leaf_values()
    {
        var model = BoostingTrainer.Train(OneFeature([1, 2, 3, 4], [0, 0, 1, 1]), Stump).Model;
        Assert.Equal(0, model.BaseScore, 12);
        var tree = Assert.Single(model.Trees);
        Assert.Equal(1, tree.NodeCount);
        Assert.Equal(2.5, tree.Threshold[0]);
        // Left: G = 2·0.5 = 1, H = 0.5 → w = −2; right mirrors it.
        Assert.Equal(-2.0, tree.LeafValues[0], 12);
        Assert.Equal(2.0, tree.LeafValues[1], 12);
        Assert.Equal(1 / (1 + Math.Exp(2)), model.Predict([1.0]), 12);
    }

    [Fact]
    public void L2_and_L1_shrink_the_stump_leaf_values_as_the_formula_says()
    {
        var data = OneFeature([1, 2, 3, 4], [0, 0, 1, 1]);
        var l2 = BoostingTrainer.Train(data, Stump with { L2 = 1 }).Model.Trees[0];
        Assert.Equal(-1 / 1.5, l2.LeafValues[0], 12);
        var l1 = BoostingTrainer.Train(data, Stump with { L2 = 1, L1 = 0.5 }).Model.Trees[0];
        Assert.Equal(-0.5 / 1.5, l1.LeafValues[0], 12);
        var shrunk = BoostingTrainer.Train(data, Stump with { LearningRate = 0.2 }).Model.Trees[0];
        Assert.Equal(-0.4, shrunk.LeafValues[0], 12);
    }

    [Fact]
    public void Base_score_is_the_log_odds_of_the_weighted_base_rate()
    {
        var data = new TrainingSet([new FeatureColumn("x", [1, 1, 1, 1])], [1, 0, 0, 0], [3, 1, 1, 1]);
        var model = BoostingTrainer.Train(data, Stump).Model;
        Assert.Equal(0.0, model.BaseScore, 12); // 3 of 6 units of weight are positive
        var unweighted = BoostingTrainer.Train(new TrainingSet(data.Features, data.Labels), Stump).Model;
        Assert.Equal(Math.Log(0.25 / 0.75), unweighted.BaseScore, 12);
        var classWeighted = BoostingTrainer.Train(new TrainingSet(data.Features, data.Labels), Stump with { PositiveClassWeight = 3 }).Model;
        Assert.Equal(0.0, classWeighted.BaseScore, 12);
    }

    [Fact]
    public void Min_rows_per_leaf_forbids_a_split_that_would_isolate_too_few_rows()
    {
        var data = OneFeature([1, 2, 3, 4, 5, 6], [1, 0, 0, 0, 0, 0]);
        var free = BoostingTrainer.Train(data, Stump).Model.Trees[0];
        Assert.Equal(1.5, free.Threshold[0]);
        var constrained = BoostingTrainer.Train(data, Stump with { MinRowsPerLeaf = 2 }).Model.Trees[0];
        Assert.Equal(2.5, constrained.Threshold[0]);
    }

    [Fact]
    public void Missing_values_go_to_the_side_that_lowers_the_loss()
    {
        // Missing rows are positive like the high values: the best split sends them right.
        var data = OneFeature([double.NaN, double.NaN, 1, 2, 3, 4], [1, 1, 0, 0, 1, 1]);
        var model = BoostingTrainer.Train(data, Stump).Model;
        var tree = model.Trees[0];
        Assert.Equal(2.5, tree.Threshold[0]);
        Assert.False(tree.DefaultLeft[0]);
        Assert.Equal(model.Predict([4.0]), model.Predict([double.NaN]), 15);

        // Mirror: missing rows negative like the low values go left.
        var mirrored = BoostingTrainer.Train(OneFeature([double.NaN, double.NaN, 1, 2, 3, 4], [0, 0, 0, 0, 1, 1]), Stump).Model;
        Assert.True(mirrored.Trees[0].DefaultLeft[0]);
        Assert.Equal(mirrored.Predict([1.0]), mirrored.Predict([double.NaN]), 15);
    }

    [Fact]
    public void Missing_values_never_seen_in_training_follow_the_larger_child()
    {
        var data = OneFeature([1, 2, 3, 4, 5, 6], [0, 0, 1, 1, 1, 1]);
        var model = BoostingTrainer.Train(data, Stump).Model;
        Assert.Equal(2.5, model.Trees[0].Threshold[0]);
        Assert.False(model.Trees[0].DefaultLeft[0]);
        Assert.Equal(model.Predict([6.0]), model.Predict([double.NaN]), 15);
    }

    [Fact]
    public void A_binding_monotone_constraint_forbids_a_split_that_would_lower_risk()
    {
        // Risk falls as x rises; an increasing constraint leaves nothing to split.
        var data = OneFeature([1, 2, 3, 4], [1, 1, 0, 0]);
        var free = BoostingTrainer.Train(data, Stump).Model.Trees[0];
        Assert.Equal(1, free.NodeCount);
        var constrained = BoostingTrainer.Train(data, Stump with { MonotoneConstraints = new Dictionary<string, int> { ["x"] = 1 } }).Model.Trees[0];
        Assert.Equal(0, constrained.NodeCount);
        var decreasing = BoostingTrainer.Train(data, Stump with { MonotoneConstraints = new Dictionary<string, int> { ["x"] = -1 } }).Model.Trees[0];
        Assert.Equal(1, decreasing.NodeCount);
    }

    [Fact]
    public void Categorical_levels_are_split_into_the_sets_that_separate_the_classes()
    {
        string[] levels = ["A", "B", "C", "D", "E", "F"];
        // B and E are always positive; the other levels negative. More than 4 levels: gradient-sorted partition.
        var codes = Enumerable.Range(0, 60).Select(i => (double)(i % 6)).ToArray();
        var labels = codes.Select(c => c is 1 or 4 ? 1.0 : 0.0).ToArray();
        var data = new TrainingSet([new FeatureColumn("level", FeatureKind.Categorical, codes, levels)], labels);
        var model = BoostingTrainer.Train(data, Stump).Model;
        var tree = model.Trees[0];
        Assert.True(tree.IsCategorical(0));
        var highB = model.Predict([1.0]);
        Assert.Equal(highB, model.Predict([4.0]), 15);
        foreach (double other in new[] { 0.0, 2, 3, 5 }) Assert.True(model.Predict([other]) < highB);
    }

    [Fact]
    public void Few_level_categorical_features_split_one_level_against_the_rest()
    {
        string[] levels = ["sorafenib", "lenvatinib", "other"];
        var codes = Enumerable.Range(0, 30).Select(i => (double)(i % 3)).ToArray();
        var labels = codes.Select(c => c == 2 ? 1.0 : 0.0).ToArray();
        var data = new TrainingSet([new FeatureColumn("treatment", FeatureKind.Categorical, codes, levels)], labels);
        var tree = BoostingTrainer.Train(data, Stump).Model.Trees[0];
        var set = tree.CategoriesLeft(0)!;
        bool otherLeft = (set[0] & 0b100) != 0;
        bool sorafenibLeft = (set[0] & 0b001) != 0;
        Assert.NotEqual(otherLeft, sorafenibLeft);
        Assert.Equal(sorafenibLeft, (set[0] & 0b010) != 0);
    }

    [Fact]
    public void Unknown_and_unseen_categories_score_like_missing_values()
    {
        string[] levels = ["A", "B", "C", "D"];
        // Level D never occurs in training; missing values occur and are positive.
        var codes = new double[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, double.NaN, double.NaN, double.NaN };
        var labels = new double[] { 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1 };
        var data = new TrainingSet([new FeatureColumn("level", FeatureKind.Categorical, codes, levels)], labels);
        var model = BoostingTrainer.Train(data, Stump with { Trees = 3, Leaves = 3 }).Model;
        double missing = model.Predict([double.NaN]);
        Assert.Equal(missing, model.Predict([3.0]), 15);   // level D: never seen
        Assert.Equal(missing, model.Predict([17.0]), 15);  // not a level of the model at all
        Assert.Equal(missing, model.Predict([-1.0]), 15);
        Assert.True(model.Predict([0.0]) < missing);
    }
}
