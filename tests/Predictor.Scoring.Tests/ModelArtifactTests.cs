using System.Text;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Tests;

public class ModelArtifactTests
{
    private static ModelArtifact Full()
    {
        var tree = new RegressionTree([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5],
            [10, 6], [4, 2, 4]);
        var model = new TreeEnsemble(
            [new ModelFeature("x", FeatureKind.Numeric) { Minimum = 0, Maximum = 300 }, new ModelFeature("c", FeatureKind.Categorical, ["a", "b", "c"])],
            [tree], baseScore: -0.3);
        return new ModelArtifact(model, new ModelMetadata
        {
            Label = "resistant_6m",
            LabelMeaning = "progression within six months",
            Calibration = new IsotonicCalibration([0.1, 0.5, 0.9], [0.05, 0.4, 0.95]),
            Threshold = new DecisionThreshold(0.35, "youden"),
            TrainingOptions = new Dictionary<string, string>(StringComparer.Ordinal) { ["trees"] = "100", ["leaves"] = "20" },
            Seed = 42,
            Data = new DataFingerprint(1000, 300, new string('a', 64)),
            Metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["auc"] = 0.81 },
            Producer = "Predictor.Training 0.1.0",
            CreatedUtc = new DateTimeOffset(2026, 11, 21, 1, 2, 3, TimeSpan.Zero),
        });
    }

    private static ModelArtifact RoundTrip(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ModelJson.ReadArtifact(stream);
    }

    [Fact]
    public void A_one_leaf_tree_with_its_cover_reads_back()
    {
        // Training writes such a tree when no split gains anything (late rounds on a small cohort); the reader once refused it.
        var leafOnly = new RegressionTree([], [], [], [], [], [], [0.0065], [], [0.94]);
        var model = new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric)], [leafOnly], baseScore: -0.3);
        string json = ModelJson.ToJson(model);
        var read = RoundTrip(json);
        Assert.Equal([0.94], read.Model.Trees[0].LeafCover!);
        Assert.Equal(-0.3 + 0.0065, read.Model.PredictRaw([1.0]), 15);
        Assert.Equal(json, ModelJson.ToJson(read));
    }

    [Fact]
    public void Every_metadata_field_survives_a_round_trip()
    {
        var original = Full();
        string json = ModelJson.ToJson(original);
        var read = RoundTrip(json);
        Assert.Equal(json, ModelJson.ToJson(read));
        var m = read.Metadata;
        Assert.Equal("resistant_6m", m.Label);
        Assert.Equal("progression within six months", m.LabelMeaning);
        Assert.Equal([0.05, 0.4, 0.95], ((IsotonicCalibration)m.Calibration!).Outputs);
        Assert.Equal(new DecisionThreshold(0.35, "youden"), m.Threshold);
        Assert.Equal("100", m.TrainingOptions["trees"]);
        Assert.Equal(42UL, m.Seed);
        Assert.Equal(new DataFingerprint(1000, 300, new string('a', 64)), m.Data);
        Assert.Equal(0.81, m.Metrics["auc"]);
        Assert.Equal(original.Metadata.CreatedUtc, m.CreatedUtc);
        Assert.Equal(300, read.Model.Features[0].Maximum);
        Assert.Equal([4.0, 2, 4], read.Model.Trees[0].LeafCover!);
        // Probability goes through the calibration: raw 0 -> 0.5 uncalibrated -> 0.4 on the isotonic knots.
        Assert.Equal(0.4, read.Probability(0), 12);
        Assert.True(read.IsPositive(0.35));
        Assert.False(read.IsPositive(0.3499));
    }

    [Fact]
    public void Platt_calibration_applies_to_the_raw_score()
    {
        var platt = new PlattCalibration(2, -1);
        Assert.Equal(TreeEnsemble.Sigmoid(2 * 0.7 - 1), platt.Apply(0.7, TreeEnsemble.Sigmoid(0.7)), 15);
        var artifact = new ModelArtifact(Full().Model, new ModelMetadata { Calibration = platt });
        var read = RoundTrip(ModelJson.ToJson(artifact));
        Assert.Equal(artifact.Predict([1.0, 0]), read.Predict([1.0, 0]));
    }

    [Fact]
    public void Indentation_does_not_break_the_checksum_but_any_changed_value_does()
    {
        string json = ModelJson.ToJson(Full());
        var compact = System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();
        Assert.Equal("resistant_6m", RoundTrip(compact).Metadata.Label);

        string tampered = json.Replace("1.5", "1.75", StringComparison.Ordinal);
        Assert.NotEqual(json, tampered);
        var error = Assert.Throws<ModelFormatException>(() => RoundTrip(tampered));
        Assert.Contains("checksum does not match", error.Message, StringComparison.Ordinal);

        string relabelled = json.Replace("youden", "manual", StringComparison.Ordinal);
        Assert.Throws<ModelFormatException>(() => RoundTrip(relabelled));
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        string json = ModelJson.ToJson(Full());
        foreach (int length in new[] { 1, json.Length / 3, json.Length - 2 })
        {
            var error = Assert.Throws<ModelFormatException>(() => RoundTrip(json[..length]));
            Assert.Contains("truncated or damaged", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_newer_format_is_refused_naming_its_version()
    {
        string json = ModelJson.ToJson(Full()).Replace("\"formatVersion\": 2", "\"formatVersion\": 7", StringComparison.Ordinal);
        var error = Assert.Throws<ModelFormatException>(() => RoundTrip(json));
        Assert.Contains("formatVersion 7 is newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_1_file_still_reads_and_scores_the_same()
    {
        const string v1 = "{\"formatVersion\":1,\"kind\":\"binary-logistic-tree-ensemble\",\"baseScore\":-0.3,\"features\":[{\"name\":\"x\",\"kind\":\"numeric\"},{\"name\":\"c\",\"kind\":\"categorical\",\"levels\":[\"a\",\"b\",\"c\"]}],\"trees\":[{\"nodes\":[{\"feature\":0,\"threshold\":2.5,\"defaultLeft\":false,\"left\":-1,\"right\":1},{\"feature\":1,\"categoriesLeft\":[0,2],\"defaultLeft\":true,\"left\":-2,\"right\":-3}],\"leaves\":[-1,0.25,1.5]}]}";
        var read = RoundTrip(v1);
        Assert.Null(read.Metadata.Label);
        Assert.False(read.Model.Trees[0].HasCovers);
        var expected = Full().Model;
        foreach (var row in new[] { new[] { 1.0, 1 }, [3, 0], [3, 1], [double.NaN, 2], [3, double.NaN] })
            Assert.Equal(expected.PredictRaw(row), read.Model.PredictRaw(row));
    }

    [Fact]
    public void Bad_metadata_values_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionThreshold(1.5, "youden"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataFingerprint(10, 11, new string('0', 64)));
        Assert.Throws<ArgumentException>(() => new DataFingerprint(10, 1, "ABC"));
        Assert.Throws<ArgumentException>(() => new IsotonicCalibration([0.5, 0.4], [0.1, 0.2]));
    }
}
