using System.Text;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Scoring.Tests;

public class ModelJsonTests
{
    private static TreeEnsemble HandBuilt()
    {
        // Root: x0 <= 2.5 (missing right) → leaf 0 | node 1; node 1: category in {0, 2} (missing left) → leaf 1 | leaf 2.
        var tree = new RegressionTree([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5]);
        return new TreeEnsemble(
            [new ModelFeature("x", FeatureKind.Numeric), new ModelFeature("c", FeatureKind.Categorical, ["a", "b", "c"])],
            [tree, RegressionTree.Constant(0.1)], baseScore: -0.3);
    }

    [Theory]
    [InlineData(1.0, 1.0, -1.0)]
    [InlineData(2.5, 1.0, -1.0)]          // threshold is inclusive
    [InlineData(3.0, 0.0, 0.25)]
    [InlineData(3.0, 2.0, 0.25)]
    [InlineData(3.0, 1.0, 1.5)]
    [InlineData(double.NaN, 1.0, 1.5)]    // missing x goes right
    [InlineData(3.0, double.NaN, 0.25)]   // missing category goes left
    [InlineData(3.0, 7.0, 0.25)]          // unknown category scores like missing
    public void Rows_follow_thresholds_sets_and_missing_directions(double x, double c, double leaf)
    {
        var model = HandBuilt();
        Assert.Equal(-0.3 + leaf + 0.1, model.PredictRaw([x, c]), 12);
        Assert.Equal(TreeEnsemble.Sigmoid(-0.3 + leaf + 0.1), model.Predict([x, c]), 12);
    }

    [Fact]
    public void Batch_prediction_matches_row_prediction()
    {
        var model = HandBuilt();
        double[] rows = [1, 1, 3, 0, double.NaN, 1];
        var output = new double[3];
        model.Predict(rows, output);
        Assert.Equal([model.Predict([1.0, 1]), model.Predict([3.0, 0]), model.Predict([double.NaN, 1])], output);
        Assert.Throws<ArgumentException>(() => model.Predict(rows, new double[2]));
    }

    [Fact]
    public void A_trained_model_read_back_scores_bit_for_bit_like_the_original()
    {
        var data = SimpleData(2000);
        var model = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = 20, Threads = 1 }).Model;
        using var stream = new MemoryStream();
        ModelJson.Write(model, stream);
        stream.Position = 0;
        var read = ModelJson.Read(stream);
        Assert.Equal(ModelJson.ToJson(model), ModelJson.ToJson(read));
        for (int i = 0; i < 200; i++)
            Assert.Equal(model.PredictRaw(data.Row(i)), read.PredictRaw(data.Row(i)));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], read.Features[1].Levels);
    }

    [Fact]
    public void The_file_carries_its_format_version_and_kind()
    {
        string json = ModelJson.ToJson(HandBuilt()).Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        Assert.StartsWith("{\"formatVersion\":2,\"kind\":\"binary-logistic-tree-ensemble\"", json, StringComparison.Ordinal);
        Assert.Contains("\"categoriesLeft\":[0,2]", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"formatVersion\":4,\"kind\":\"binary-logistic-tree-ensemble\"}", "formatVersion 4 is newer")]
    [InlineData("{\"formatVersion\":2,\"kind\":\"binary-logistic-tree-ensemble\"}", "no 'checksum'")]
    [InlineData("{\"formatVersion\":1,\"kind\":\"regression\"}", "kind 'regression'")]
    [InlineData("{\"formatVersion\":1,\"kind\":\"binary-logistic-tree-ensemble\",\"baseScore\":0,\"features\":[]}", "no 'trees'")]
    [InlineData("{\"formatVersion\":1,\"kind\":\"binary-logistic-tree-ensemble\",\"baseScore\":0,\"features\":[{\"name\":\"x\",\"kind\":\"numeric\"}],\"trees\":[{\"nodes\":[{\"feature\":3,\"threshold\":1,\"defaultLeft\":true,\"left\":-1,\"right\":-2}],\"leaves\":[1,2]}]}", "feature 3")]
    [InlineData("{\"formatVersion\":1,\"kind\":\"binary-logistic-tree-ensemble\",\"baseScore\":0,\"features\":[{\"name\":\"x\",\"kind\":\"numeric\"}],\"trees\":[{\"nodes\":[{\"feature\":0,\"threshold\":1,\"defaultLeft\":true,\"left\":-1,\"right\":-5}],\"leaves\":[1,2]}]}", "outside the tree")]
    public void Broken_model_files_are_rejected_with_a_specific_message(string json, string expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<ModelFormatException>(() => ModelJson.Read(stream));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static TrainingSet SimpleData(int rows)
    {
        var random = new Random(5);
        var x = new double[rows];
        var c = new double[rows];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = random.NextDouble() < 0.1 ? double.NaN : random.NextDouble() * 10;
            c[i] = random.Next(6);
            double logit = (double.IsNaN(x[i]) ? 1 : x[i] - 5) * 0.5 + (c[i] is 1 or 3 ? 1 : -0.5);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return new TrainingSet([new FeatureColumn("x", x), new FeatureColumn("c", FeatureKind.Categorical, c, ["a", "b", "c", "d", "e", "f"])], y);
    }
}
