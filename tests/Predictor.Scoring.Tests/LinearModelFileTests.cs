using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Scoring.Tests;

/// <summary>Model files with a linear margin (format 3): round trips, the version written, and every malformed margin.</summary>
public class LinearModelFileTests
{
    private static readonly ModelFeature[] XAndC =
        [new("x", FeatureKind.Numeric) { Minimum = -3, Maximum = 12 }, new("c", FeatureKind.Categorical, ["a", "b", "c"])];

    /// <summary>Trees with a numeric split and a categorical split, on a margin with full-precision values.</summary>
    private static TreeEnsemble HandBuilt(bool linear = true)
    {
        var tree = new RegressionTree([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5], [10, 6], [4, 3, 3]);
        return new TreeEnsemble(XAndC, [tree], -0.3, linear
            ? new LinearMargin([LinearTerm.Numeric(0, 0.1 / 3, -0.123456789012345678, 1.0 / 7), LinearTerm.Categorical(1, [Math.PI, -Math.E, 1e-300], 0.5, -2.0 / 3)])
            : null);
    }

    private static TreeEnsemble ReadBack(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ModelJson.Read(stream);
    }

    [Fact]
    public void A_model_with_linear_terms_round_trips_bit_for_bit()
    {
        var data = TreeShapTests.TrainingData(1500);
        var trees = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = 15, Threads = 1 }).Model;
        var model = new TreeEnsemble(trees.Features, trees.Trees, trees.BaseScore,
            new LinearMargin([LinearTerm.Numeric(0, 0.1 / 3, -0.2, 0.7 / 3), LinearTerm.Categorical(2, [0.1, 0.2 / 3, -1e-17, 5], 0.3, 1.0 / 9)]));
        var artifact = new ModelArtifact(model, new ModelMetadata { Label = "resistant_6m", Calibration = new PlattCalibration(0.9, 0.1) });
        string json = ModelJson.ToJson(artifact);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var read = ModelJson.ReadArtifact(stream);
        Assert.Equal(json, ModelJson.ToJson(read));
        var margin = read.Model.Linear!;
        Assert.Equal([0, 2], margin.Terms.Select(t => t.Feature));
        Assert.Equal(model.Linear!.Terms[1].LevelValues, margin.Terms[1].LevelValues);
        Assert.Equal(model.Linear.ExpectedValue, margin.ExpectedValue);
        for (int i = 0; i < 300; i++)
        {
            var row = data.Row(i);
            if (i % 9 == 0) row[2] = 7;
            Assert.Equal(BitConverter.DoubleToInt64Bits(model.PredictRaw(row)), BitConverter.DoubleToInt64Bits(read.Model.PredictRaw(row)));
        }
    }

    [Fact]
    public void Format_3_is_written_only_for_models_with_linear_terms()
    {
        Assert.Equal(3, Root(ModelJson.ToJson(HandBuilt())).GetProperty("formatVersion").GetInt32());
        var plain = Root(ModelJson.ToJson(HandBuilt(linear: false)));
        Assert.Equal(2, plain.GetProperty("formatVersion").GetInt32());
        Assert.False(plain.TryGetProperty("linear", out _));

        // The margin sits right after the base score, each term with either a slope or levels.
        var root = Root(ModelJson.ToJson(HandBuilt()));
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("baseScore") + 1, names.IndexOf("linear"));
        var terms = root.GetProperty("linear").GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(["feature", "slope", "missing", "mean"], terms[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["feature", "levels", "missing", "mean"], terms[1].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_trees_only_model_file_still_reads_and_is_rewritten_as_format_2()
    {
        // The bundled model as the pipeline wrote it before linear terms existed.
        string path = Path.Combine(RepoPaths.Root, "tests", "Predictor.Scoring.Tests", "Fixtures", "trees-only-format2.model.json");
        var artifact = ModelJson.ReadArtifactFile(path);
        Assert.Null(artifact.Model.Linear);
        string rewritten = ModelJson.ToJson(artifact);
        Assert.Equal(2, Root(rewritten).GetProperty("formatVersion").GetInt32());
        Assert.Equal(Root(File.ReadAllText(path)).GetProperty("checksum").GetString(), Root(rewritten).GetProperty("checksum").GetString());
    }

    [Fact]
    public void The_bundled_model_boosts_from_a_linear_start_and_is_format_3()
    {
        string path = Path.Combine(RepoPaths.Root, "models", "resistance.model.json");
        var artifact = ModelJson.ReadArtifactFile(path);
        Assert.NotNull(artifact.Model.Linear);
        Assert.Equal(3, Root(File.ReadAllText(path)).GetProperty("formatVersion").GetInt32());
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd(), ModelJson.ToJson(artifact).ReplaceLineEndings("\n").TrimEnd());
    }

    [Theory]
    [InlineData("version2", "linear terms need format 3")]
    [InlineData("both", "either 'slope' (numeric feature) or 'levels'")]
    [InlineData("neither", "either 'slope' (numeric feature) or 'levels'")]
    [InlineData("levelCount", "has 2 level values; the feature has 3 levels")]
    [InlineData("descending", "ascending order")]
    [InlineData("duplicate", "ascending order")]
    [InlineData("outOfRange", "reads feature 2; the model has 2")]
    [InlineData("negative", "linear.terms[0]")]
    [InlineData("slopeOnCategory", "treats it as the wrong kind")]
    [InlineData("hugeSlope", "linear.terms[0].slope must be finite")]
    [InlineData("hugeLevel", "linear.terms[1].levels[2] must be finite")]
    [InlineData("textMean", "linear.terms[0].mean must be a JSON NUMBER")]
    [InlineData("noMissing", "linear.terms[1] has no 'missing'")]
    [InlineData("noTerms", "linear has no 'terms'")]
    [InlineData("termNotObject", "linear.terms[0] must be an object")]
    [InlineData("fractionalFeature", "linear.terms[0].feature must be an integer")]
    public void Malformed_margins_are_refused_with_a_specific_message(string mutation, string expected)
    {
        var root = JsonNode.Parse(ModelJson.ToJson(HandBuilt()))!.AsObject();
        var linear = root["linear"]!.AsObject();
        var terms = linear["terms"]!.AsArray();
        switch (mutation)
        {
            case "version2": root["formatVersion"] = 2; break;
            case "both": terms[1]!["slope"] = 1; break;
            case "neither": terms[0]!.AsObject().Remove("slope"); break;
            case "levelCount": terms[1]!["levels"]!.AsArray().RemoveAt(2); break;
            case "descending": terms[0]!["feature"] = 1; terms[1]!["feature"] = 0; break;
            case "duplicate": terms[1]!["feature"] = 0; break;
            case "outOfRange": terms[1]!["feature"] = 2; break;
            case "negative": terms[0]!["feature"] = -1; break;
            case "slopeOnCategory": terms[1]!.AsObject().Remove("levels"); terms[1]!["slope"] = 1; break;
            case "hugeSlope": terms[0]!["slope"] = JsonNode.Parse("1e999"); break;
            case "hugeLevel": terms[1]!["levels"]![2] = JsonNode.Parse("-1e400"); break;
            case "textMean": terms[0]!["mean"] = "NaN"; break;
            case "noMissing": terms[1]!.AsObject().Remove("missing"); break;
            case "noTerms": linear.Remove("terms"); break;
            case "termNotObject": terms[0] = 3; break;
            case "fractionalFeature": terms[0]!["feature"] = 0.5; break;
            default: throw new ArgumentException(mutation);
        }
        var error = Assert.Throws<ModelFormatException>(() => ReadBack(Checksummed(root)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_linear_value_is_caught_by_the_checksum()
    {
        string json = ModelJson.ToJson(HandBuilt());
        var root = JsonNode.Parse(json)!.AsObject();
        root["linear"]!["terms"]![0]!["slope"] = 0.5;
        var error = Assert.Throws<ModelFormatException>(() => ReadBack(root.ToJsonString()));
        Assert.Contains("checksum does not match", error.Message, StringComparison.Ordinal);
        // The untouched file reads, so it is the edit that was caught.
        Assert.NotNull(ReadBack(json).Linear);
    }

    [Fact]
    public void A_format_3_file_without_a_margin_reads_as_trees_alone()
    {
        var root = JsonNode.Parse(ModelJson.ToJson(HandBuilt(linear: false)))!.AsObject();
        root["formatVersion"] = 3;
        var model = ReadBack(Checksummed(root));
        Assert.Null(model.Linear);
        Assert.Equal(HandBuilt(linear: false).PredictRaw([3.0, 1]), model.PredictRaw([3.0, 1]));
    }

    private static JsonElement Root(string json) => JsonDocument.Parse(json).RootElement;

    /// <summary>The edited file with its checksum recomputed, so that only the edit itself can be objected to.</summary>
    private static string Checksummed(JsonObject root)
    {
        root.Remove("checksum");
        using var document = JsonDocument.Parse(root.ToJsonString());
        root["checksum"] = ModelChecksum.Compute(document.RootElement);
        return root.ToJsonString();
    }
}
