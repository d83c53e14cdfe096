using Predictor.Scoring.Trees;

namespace Predictor.Worker.Models;

/// <summary>
/// A model as served: the trees plus what callers are told about it. Immutable, so a request that picked it up
/// keeps scoring on it even after a newer model has been swapped in.
/// </summary>
/// <param name="Version">SHA-256 of the model file's bytes (lower-case hex); also its checksum.</param>
/// <param name="Threshold">Probability at or above which a patient is labelled resistant.</param>
internal sealed record LoadedModel(TreeEnsemble Ensemble, string Version, string Path, long SizeBytes, DateTimeOffset LoadedAt, double Threshold)
{
    /// <summary>The current model file format carries no threshold yet, so the worker uses 0.5 (as <c>predictor predict</c>).</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>A short form of <see cref="Version"/> for logs and response headers.</summary>
    public string ShortVersion => Version[..12];
}
