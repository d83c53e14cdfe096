using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;

namespace Predictor.Worker.Http;

/// <summary>Maps the worker's HTTP surface: /v1 (behind the optional API key) and the health probes.</summary>
internal static class WorkerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ApiKeyFilter>();
        v1.MapPost("/score", (HttpContext context, ScoreEndpoint endpoint) => endpoint.Handle(context)).RequireRateLimiting(Shedding.Policy);
        v1.MapGet("/model", (ModelStore models) => Results.Json(ModelDescription.Of(models.Current), WorkerJsonContext.Default.ModelResponse));

        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", (InboxProcessor inbox) => inbox.IsRunning
            ? Results.Text("ready")
            : Results.Text("not ready: finishing files claimed before the last stop", statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
