using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Predictor.Worker.Http;
using Predictor.Worker.PostgreSql.Audit;

namespace Predictor.Worker.Fleet.Audit;

/// <summary>
/// Sends every patient answered by a scoring route (<c>POST /v1/score</c>, <c>/v1/score/fhir</c>, a CDS Hooks
/// service) to the audit trail, under a fresh request id returned in <c>X-Request-Id</c> (so a caller can find its
/// request in the trail). Only the answer is read: no feature values.
/// </summary>
internal sealed class ScoreAuditFilter(AuditTrail trail, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        var http = context.HttpContext;
        if (result is JsonHttpResult<ScoreResponse> { Value: { Results.Count: > 0 } response })
        {
            var now = clock.GetUtcNow();
            string requestId = NewRequestId(http);
            foreach (var score in response.Results)
                trail.Record(new AuditRecord(requestId, score.Index, now, AuditChannel.Http, null, response.ModelVersion, score.PatientId, false,
                    score.Probability, score.PredictedResistant));
        }
        else if (http.Features.Get<AnsweredPredictions>() is { Predictions.Count: > 0 } answered)
        {
            var now = clock.GetUtcNow();
            string requestId = NewRequestId(http);
            foreach (var prediction in answered.Predictions)
                trail.Record(new AuditRecord(requestId, prediction.Item, now, AuditChannel.Http, null, answered.ModelVersion, prediction.PatientId, false,
                    prediction.Probability, prediction.PredictedResistant));
        }
        return result;
    }

    private static string NewRequestId(HttpContext context)
    {
        string requestId = Guid.CreateVersion7().ToString();
        context.Response.Headers["X-Request-Id"] = requestId;
        return requestId;
    }
}
