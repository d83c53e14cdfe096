using Predictor.Scoring.Explanations;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Scoring.Tests;

/// <summary>TreeSHAP on models with a linear margin: additivity, the exact value of a term, unknown codes as missing.</summary>
public class LinearExplanationTests
{
    // Feature order of TreeShapTests.TrainingData: x (numeric), noise (numeric), c (categorical p, q, r, s).
    private static LinearMargin Margin => new(
    [
        LinearTerm.Numeric(0, 0.37, -0.2, 1.7),
        LinearTerm.Categorical(2, [0.4, -0.25, 0.05, 0.3], 0.15, 0.11),
    ]);

    [Fact]
    public void Contributions_of_trees_and_terms_add_up_to_the_raw_score()
    {
        var data = TreeShapTests.TrainingData(2000);
        var trees = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = 25, Threads = 1 }).Model;
        var model = new TreeEnsemble(trees.Features, trees.Trees, trees.BaseScore - 1.5, Margin);
        double expectedValue = TreeShap.ExpectedValue(model);
        Assert.Equal(TreeShap.ExpectedValue(trees) - 1.5 + (1.7 + 0.11), expectedValue, 12);
        var phi = new double[3];
        var treePhi = new double[3];
        for (int i = 0; i < 150; i++)
        {
            var row = data.Row(i);
            if (i % 5 == 0) row[2] = new[] { 9, -1, 0.5, double.NaN }[i % 4];
            if (i % 7 == 0) row[0] = double.NaN;
            TreeShap.Contributions(model, row, phi);
            Assert.Equal(model.PredictRaw(row), expectedValue + phi.Sum(), 9);
            // The trees' share is unchanged; each term adds its value minus its mean to its own feature only.
            TreeShap.Contributions(trees, row, treePhi);
            double c = row[2] is 0 or 1 or 2 or 3 ? new[] { 0.4, -0.25, 0.05, 0.3 }[(int)row[2]] : 0.15;
            Assert.Equal(treePhi[0] + ((double.IsNaN(row[0]) ? -0.2 : 0.37 * row[0]) - 1.7), phi[0], 12);
            Assert.Equal(treePhi[1], phi[1]);
            Assert.Equal(treePhi[2] + (c - 0.11), phi[2], 12);
        }
    }

    [Fact]
    public void A_linear_only_model_credits_each_feature_exactly_its_term_minus_the_mean()
    {
        var features = new ModelFeature[] { new("x", FeatureKind.Numeric), new("noise", FeatureKind.Numeric), new("c", FeatureKind.Categorical, ["p", "q", "r", "s"]) };
        var model = new TreeEnsemble(features, [], 0.25, Margin);
        Assert.Equal(0.25 + (0.0 + 1.7 + 0.11), TreeShap.ExpectedValue(model));
        var phi = new double[3];
        foreach (var row in new[] { new[] { 3.0, 0.5, 1 }, [double.NaN, 0.5, 3], [-4, double.NaN, double.NaN], [10, 1, 0] })
        {
            TreeShap.Contributions(model, row, phi);
            Assert.Equal((double.IsNaN(row[0]) ? -0.2 : 0.37 * row[0]) - 1.7, phi[0]);
            Assert.Equal(0, phi[1]);
            Assert.Equal((double.IsNaN(row[2]) ? 0.15 : new[] { 0.4, -0.25, 0.05, 0.3 }[(int)row[2]]) - 0.11, phi[2]);
        }
        var top = TreeShap.TopFeatures(model, [10.0, 1, 0], 2);
        Assert.Equal(["x", "c"], top.Select(t => t.Feature));
        Assert.Equal(0.37 * 10 - 1.7, top[0].Contribution);
    }

    [Fact]
    public void Single_leaf_trees_need_no_covers_to_be_explained()
    {
        var features = new ModelFeature[] { new("x", FeatureKind.Numeric), new("noise", FeatureKind.Numeric), new("c", FeatureKind.Categorical, ["p", "q", "r", "s"]) };
        var model = new TreeEnsemble(features, [RegressionTree.Constant(0.3)], 0.25, Margin);
        Assert.False(model.Trees[0].HasCovers);
        Assert.Equal(0.25 + (0.0 + 1.7 + 0.11) + 0.3, TreeShap.ExpectedValue(model));
        var phi = new double[3];
        TreeShap.Contributions(model, [2.0, 0, 1], phi);
        Assert.Equal([0.37 * 2 - 1.7, 0, -0.25 - 0.11], phi);
        Assert.True(new Predictor.Scoring.Artifact.PatientScorer(new Predictor.Scoring.Artifact.ModelArtifact(model)).CanExplain);
        var split = new RegressionTree([0], [1.0], [true], [-1], [-2], [null], [0.1, 0.2]);
        Assert.Throws<NotSupportedException>(() => TreeShap.Contributions(new TreeEnsemble(features, [split], 0, Margin), [2.0, 0, 1], phi));
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(-1.0)]
    [InlineData(2.5)]
    [InlineData(1e9)]
    public void Unknown_category_codes_are_explained_as_missing(double code)
    {
        var data = TreeShapTests.TrainingData(1000);
        var trees = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = 10, Threads = 1 }).Model;
        var model = new TreeEnsemble(trees.Features, trees.Trees, trees.BaseScore, Margin);
        var unknown = new double[3];
        var missing = new double[3];
        TreeShap.Contributions(model, [6.0, 0.3, code], unknown);
        TreeShap.Contributions(model, [6.0, 0.3, double.NaN], missing);
        Assert.Equal(missing, unknown);
        Assert.Equal(model.PredictRaw([6.0, 0.3, double.NaN]), model.PredictRaw([6.0, 0.3, code]));
    }
}
