using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

namespace Predictor.Worker.Tests.Support;

/// <summary>Valid, checksummed model files derived from the bundled model, written with the scoring library's writer.</summary>
internal static class TestModels
{
    /// <summary>The bundled trees with another base score (every probability shifts): a different valid model.</summary>
    public static string Shifted(string modelPath, double baseScore)
    {
        var artifact = ModelJson.ReadArtifactFile(modelPath);
        var trees = new TreeEnsemble(artifact.Model.Features, artifact.Model.Trees, baseScore);
        return ModelJson.ToJson(new ModelArtifact(trees, artifact.Metadata));
    }

    /// <summary>A valid, checksummed model whose input <paramref name="from"/> is called <paramref name="to"/>.</summary>
    public static string Renamed(string modelPath, string from, string to)
    {
        var artifact = ModelJson.ReadArtifactFile(modelPath);
        var features = artifact.Model.Features.Select(f => string.Equals(f.Name, from, StringComparison.Ordinal)
            ? new ModelFeature(to, f.Kind, f.Levels) { Minimum = f.Minimum, Maximum = f.Maximum }
            : f).ToList();
        return ModelJson.ToJson(new ModelArtifact(new TreeEnsemble(features, artifact.Model.Trees, artifact.Model.BaseScore), artifact.Metadata));
    }

    /// <summary>The bundled trees with the given metadata (calibration, threshold, provenance).</summary>
    public static string WithMetadata(string modelPath, ModelMetadata metadata) =>
        ModelJson.ToJson(new ModelArtifact(ModelJson.ReadArtifactFile(modelPath).Model, metadata));

    /// <summary>A full artifact as training writes it: Platt calibration, a non-default threshold, metrics, fingerprint.</summary>
    public static ModelMetadata Calibrated => new()
    {
        Label = "resistant_6m",
        Calibration = new PlattCalibration(0.8, -0.3),
        Threshold = new DecisionThreshold(0.42, "youden"),
        Metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["cv.auc"] = 0.84, ["cv.brier"] = 0.16 },
        Data = new DataFingerprint(5000, 2748, new string('a', 64)),
        Producer = "Predictor.Worker.Tests",
        CreatedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };
}
