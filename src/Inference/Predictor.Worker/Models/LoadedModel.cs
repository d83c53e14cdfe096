using Predictor.Scoring.Artifact;
using Predictor.Scoring.Compiled;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Trees;

namespace Predictor.Worker.Models;

/// <summary>
/// A model as served: the artifact (trees, calibration, threshold, provenance), the trees compiled for fast scoring,
/// and what callers are told about the file. Immutable, so a request that picked it up keeps scoring on it even after
/// a newer model has been swapped in.
/// </summary>
/// <param name="Version">SHA-256 of the model file's bytes (lower-case hex): names exactly the file served.</param>
/// <param name="Checksum">The checksum recorded in the file (<c>sha256:...</c> over its canonical content), verified on load.</param>
internal sealed class LoadedModel(
    ModelArtifact artifact, string version, string checksum, int formatVersion, string path, long sizeBytes, DateTimeOffset loadedAt)
{
    /// <summary>Probability cut-off used when the artifact records none (as <c>predictor predict</c>).</summary>
    public const double DefaultThreshold = 0.5;

    private readonly Lazy<double> _expectedValue = new(() => TreeShap.ExpectedValue(artifact.Model));

    public ModelArtifact Artifact { get; } = artifact;

    public TreeEnsemble Ensemble => Artifact.Model;

    public CompiledEnsemble Compiled { get; } = new(artifact.Model);

    public string Version { get; } = version;

    public string Checksum { get; } = checksum;

    public int FormatVersion { get; } = formatVersion;

    public string Path { get; } = path;

    public long SizeBytes { get; } = sizeBytes;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public double Threshold => Artifact.Metadata.Threshold?.Value ?? DefaultThreshold;

    public string ThresholdRule => Artifact.Metadata.Threshold?.Rule ?? "default (the model file records no threshold)";

    /// <summary>Whether per-feature contributions can be computed (every tree with a split carries node covers).</summary>
    public bool CanExplain { get; } = TreeShap.CanExplain(artifact.Model);

    /// <summary>TreeSHAP's expected raw score: contributions of a patient sum to its raw score minus this.</summary>
    public double ExpectedValue => _expectedValue.Value;

    /// <summary>A short form of <see cref="Version"/> for logs and response headers.</summary>
    public string ShortVersion => Version[..12];

    /// <summary>Calibrated probabilities for row-major feature rows (the artifact's calibration on the raw scores).</summary>
    public void Score(ReadOnlySpan<double> rows, Span<double> probabilities)
    {
        Compiled.PredictRaw(rows, probabilities);
        for (int i = 0; i < probabilities.Length; i++) probabilities[i] = Artifact.Probability(probabilities[i]);
    }

    /// <summary>The label at the artifact's threshold.</summary>
    public bool IsPositive(double probability) => Artifact.IsPositive(probability);
}
