using System.Text.Json;
using Predictor.Export.Onnx;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

namespace Predictor.Export.Tests;

/// <summary>The ONNX metadata names the model format the JSON writer gives the same model, not the newest one.</summary>
public class OnnxFormatVersionTests
{
    private static readonly ModelFeature[] Features =
        [new ModelFeature("x", FeatureKind.Numeric), new ModelFeature("c", FeatureKind.Categorical, ["a", "b", "c"])];

    private static readonly RegressionTree Tree =
        new([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5]);

    private static readonly LinearMargin Margin =
        new([LinearTerm.Numeric(0, 0.02, -0.1, 0.3), LinearTerm.Categorical(1, [0.4, -0.2, 0.1], 0.05, 0.1)]);

    public static TheoryData<string, string> Models => new()
    {
        { "trees only", "2" },
        { "base score only", "2" },
        { "trees and linear terms", "3" },
        { "linear terms only", "3" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void The_onnx_format_version_is_the_one_the_model_file_is_written_with(string name, string expected)
    {
        var model = name switch
        {
            "trees only" => new TreeEnsemble(Features, [Tree], -0.3),
            "base score only" => new TreeEnsemble(Features, [], 0.4),
            "trees and linear terms" => new TreeEnsemble(Features, [Tree], -0.3, Margin),
            "linear terms only" => new TreeEnsemble(Features, [], -0.3, Margin),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown model"),
        };
        var artifact = new ModelArtifact(model, new ModelMetadata { Label = "resistant_6m" });
        string onnxVersion = OnnxExporter.ToModelProto(artifact).MetadataProps.Single(p => p.Key == "predictor.format_version").Value;
        using var file = JsonDocument.Parse(ModelJson.ToJson(artifact));
        int fileVersion = file.RootElement.GetProperty("formatVersion").GetInt32();

        Assert.Equal(expected, onnxVersion);
        Assert.Equal(fileVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), onnxVersion);
    }
}
