using Predictor.Scoring.Trees;
using Predictor.Worker.Models;

namespace Predictor.Worker.Http;

/// <summary>What <c>GET /v1/model</c> tells callers about the served model: identity, schema, decision rule, provenance.</summary>
internal static class ModelDescription
{
    public static ModelResponse Of(LoadedModel model)
    {
        var metadata = model.Artifact.Metadata;
        return new ModelResponse(
            model.Version, model.Checksum, model.FormatVersion, model.Path, model.SizeBytes, model.LoadedAt,
            metadata.Label,
            new ThresholdInfo(model.Threshold, model.ThresholdRule),
            metadata.Calibration?.Method ?? "none",
            model.Ensemble.Trees.Count,
            model.Ensemble.Linear?.Terms.Count ?? 0,
            [.. model.Ensemble.Features.Select(f => new FeatureInfo(
                f.Name, f.Kind == FeatureKind.Categorical ? "categorical" : "numeric", f.Kind == FeatureKind.Categorical ? f.Levels : null))],
            metadata.Metrics,
            metadata.Data is { } data ? new DataInfo(data.Rows, data.Positives, data.Sha256) : null,
            metadata.Producer,
            metadata.CreatedUtc);
    }
}
