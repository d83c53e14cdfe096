using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Predictor.Worker.Http;
using Predictor.Worker.PostgreSql.Audit;

namespace Predictor.Worker.Fleet.Audit;

/// <summary>
/// Sends every patient answered by <c>POST /v1/score</c> to the audit trail, under a fresh request id returned in
/// <c>X-Request-Id</c> (so a caller can find its request in the trail). Only the answer is read: no feature values.
/// </summary>
internal sealed class ScoreAuditFilter(AuditTrail trail, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        if (result is JsonHttpResult<ScoreResponse> { Value: { Results.Count: > 0 } response })
        {
            string requestId = Guid.CreateVersion7().ToString();
            context.HttpContext.Response.Headers["X-Request-Id"] = requestId;
            var now = clock.GetUtcNow();
            for (int i = 0; i < response.Results.Count; i++)
            {
                var score = response.Results[i];
                trail.Record(new AuditRecord(requestId, score.Index, now, AuditChannel.Http, null, response.ModelVersion, score.PatientId, false,
                    score.Probability, score.PredictedResistant));
            }
        }
        return result;
    }
}
