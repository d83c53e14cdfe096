using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Scoring.Tests;

public class GlobalImportanceTests
{
    private static readonly ModelFeature[] Features =
        [new("a", FeatureKind.Numeric), new("b", FeatureKind.Numeric), new("never", FeatureKind.Numeric)];

    // Tree 1: a (gain 8, cover 10) then b (gain 2, cover 6). Tree 2: b (gain 3, cover 9) then a (gain 1, cover 5).
    private static TreeEnsemble Model() => new(Features,
    [
        new RegressionTree([0, 1], [1, 2], [true, true], [-1, -2], [1, -3], [null, null], [0.1, 0.2, 0.3], [10, 6], [4, 2, 4]) { NodeGain = [8, 2] },
        new RegressionTree([1, 0], [1, 2], [true, true], [1, -2], [-1, -3], [null, null], [0.1, 0.2, 0.3], [9, 5], [4, 2, 3]) { NodeGain = [3, 1] },
    ], 0);

    [Fact]
    public void Split_count_gain_and_cover_are_the_hand_computed_sums_and_an_unused_feature_scores_zero()
    {
        var importance = GlobalImportance.Compute(Model());
        Assert.Equal(new FeatureImportance("a", 2, 9.0, 15.0), importance[0]);
        Assert.Equal(new FeatureImportance("b", 2, 5.0, 15.0), importance[1]);
        Assert.Equal(new FeatureImportance("never", 0, 0.0, 0.0), importance[2]);
        Assert.Equal(["a", "b", "never"], GlobalImportance.ByGain(Model()).Select(i => i.Feature));
    }

    [Fact]
    public void Gains_survive_a_model_file_round_trip_and_files_without_gains_still_read()
    {
        string json = ModelJson.ToJson(Model());
        Assert.Contains("\"gain\": 8", json, StringComparison.Ordinal);
        var read = ModelJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal([8.0, 2], read.Trees[0].NodeGain!);
        Assert.Equal(GlobalImportance.Compute(Model()), GlobalImportance.Compute(read));

        var old = new TreeEnsemble(Features, [new RegressionTree([0], [1], [true], [-1], [-2], [null], [0.1, 0.2])], 0);
        var oldRead = ModelJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(ModelJson.ToJson(old))));
        Assert.Null(oldRead.Trees[0].NodeGain);
        Assert.Equal(new FeatureImportance("a", 1, null, null), GlobalImportance.Compute(oldRead)[0]);
        Assert.Throws<NotSupportedException>(() => GlobalImportance.ByGain(oldRead));
    }

    [Fact]
    public void A_file_with_gains_on_some_nodes_only_is_refused()
    {
        var model = new TreeEnsemble(Features,
            [new RegressionTree([0, 1], [1, 2], [true, true], [-1, -2], [1, -3], [null, null], [0.1, 0.2, 0.3]) { NodeGain = [8, 2] }], 0);
        // Drop one node's gain and re-seal the file, so only the partial-gain rule can refuse it.
        string json = ModelJson.ToJson(model).Replace(",\n          \"gain\": 2", "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"gain\": 2", json, StringComparison.Ordinal);
        var sealedJson = Reseal(json);
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(sealedJson))));
        Assert.Contains("gains", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trained_model_records_gains_and_the_driving_feature_gains_most()
    {
        var data = TreeShapTests.TrainingData(2000);
        var model = BoostingTrainer.Train(data, Training.Gbdt.GbdtPresets.FastTree with { Trees = 20, Threads = 1 }).Model;
        Assert.All(model.Trees.Where(t => t.NodeCount > 0), t => Assert.NotNull(t.NodeGain));
        var byGain = GlobalImportance.ByGain(model);
        Assert.Equal("x", byGain[0].Feature);
        // Gain favours continuous features (noise splits often on chance), so only the top is pinned.
        Assert.True(byGain[0].Gain > 2 * byGain[1].Gain);
        Assert.All(byGain, i => Assert.True(i.Gain > 0 || i.Splits == 0));
    }

    /// <summary>Recomputes the checksum as MODEL_FORMAT.md defines it (compact canonical content without the checksum).</summary>
    private static string Reseal(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject().Where(m => m.Name != "checksum")) member.WriteTo(writer);
            writer.WriteEndObject();
        }
        string hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        return Regex.Replace(json, "\"checksum\": \"sha256:[0-9a-f]{64}\"", $"\"checksum\": \"{hash}\"");
    }
}
