using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
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

    /// <summary>
    /// The bundled trees repeated <paramref name="copies"/> times: a valid model about that many times slower to score
    /// (for tests that need a chunk to take longer than a lease).
    /// </summary>
    public static string Heavy(string modelPath, int copies)
    {
        var artifact = ModelJson.ReadArtifactFile(modelPath);
        var trees = Enumerable.Repeat(artifact.Model.Trees, copies).SelectMany(t => t).ToList();
        return ModelJson.ToJson(new ModelArtifact(new TreeEnsemble(artifact.Model.Features, trees, artifact.Model.BaseScore), artifact.Metadata));
    }

    /// <summary>
    /// The bundled trees and metadata on a hand-made linear margin (two numeric and two categorical terms, written as
    /// format 3): the margin moves every patient's score, so a scorer that ignored it would be caught.
    /// </summary>
    public static string WithLinearMargin(string modelPath)
    {
        var artifact = ModelJson.ReadArtifactFile(modelPath);
        var model = artifact.Model;
        int Index(string name) => model.Features.Select(f => f.Name).ToList().IndexOf(name);
        var terms = new[]
        {
            LinearTerm.Numeric(Index("p_akt_hscore"), 0.0061, 0.2, 0.9),
            LinearTerm.Categorical(Index("sex"), [0.15, -0.35], 0.05, -0.1),
            LinearTerm.Categorical(Index("etiology"), [0.3, -0.2, 0.45, -0.6, 0.1], 0, 0.05),
            LinearTerm.Numeric(Index("tumor_size_cm"), -0.083, -0.4, -0.5),
        }.OrderBy(t => t.Feature).ToList();
        var linear = new TreeEnsemble(model.Features, model.Trees, model.BaseScore - 0.4, new LinearMargin(terms));
        return ModelJson.ToJson(new ModelArtifact(linear, artifact.Metadata));
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

    /// <summary>
    /// The bundled trees without node covers and recorded as imported from an ML.NET zip without --data: what
    /// <c>predictor import --mlnet</c> writes when it has no patients to count covers from.
    /// </summary>
    public static string ImportedWithoutCovers(string modelPath, string zip)
    {
        var artifact = ModelJson.ReadArtifactFile(modelPath);
        var model = artifact.Model;
        var trees = model.Trees.Select(t => new RegressionTree([.. t.SplitFeature], [.. t.Threshold], [.. t.DefaultLeft], [.. t.LeftChild], [.. t.RightChild],
            [.. Enumerable.Range(0, t.NodeCount).Select(n => t.CategoriesLeft(n)?.ToArray())], [.. t.LeafValues])).ToList();
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["mlnet.source"] = zip, ["mlnet.covers"] = "none" };
        return ModelJson.ToJson(new ModelArtifact(new TreeEnsemble(model.Features, trees, model.BaseScore), artifact.Metadata with { TrainingOptions = options }));
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
