using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;

namespace Predictor.Worker.Http;

/// <summary>Maps the worker's HTTP surface: /v1 (behind the optional API key) and the health probes.</summary>
internal static class WorkerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ApiKeyFilter>();
        v1.MapPost("/score", (HttpContext context, ScoreEndpoint endpoint) => endpoint.Handle(context));
        v1.MapGet("/model", (ModelStore models) => Results.Json(Describe(models.Current), WorkerJsonContext.Default.ModelResponse));

        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", (InboxProcessor inbox) => inbox.IsRunning
            ? Results.Text("ready")
            : Results.Text("not ready: finishing files claimed before the last stop", statusCode: StatusCodes.Status503ServiceUnavailable));
    }

    private static ModelResponse Describe(LoadedModel model) => new(
        model.Version, model.Version, "SHA-256", ModelJson.FormatVersion, model.Path, model.SizeBytes, model.LoadedAt, model.Threshold,
        model.Ensemble.Trees.Count,
        [.. model.Ensemble.Features.Select(f => new FeatureInfo(
            f.Name, f.Kind == FeatureKind.Categorical ? "categorical" : "numeric", f.Kind == FeatureKind.Categorical ? f.Levels : null))],
        // The model file format does not carry training metrics yet (the model-artifact issue adds them).
        null);
}
