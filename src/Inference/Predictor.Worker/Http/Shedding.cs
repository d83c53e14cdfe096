using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;

namespace Predictor.Worker.Http;

/// <summary>
/// Sheds overload where score requests enter: ASP.NET Core's concurrency limiter admits
/// <see cref="HttpApiOptions.MaxConcurrentRequests"/> at once and queues a few more; the rest are answered at once with
/// 503, <c>Retry-After</c> and the usual JSON error, before their body is read. Admitted requests therefore keep a
/// short latency however many clients push, and refused ones learn it quickly instead of timing out.
/// </summary>
internal static class Shedding
{
    public const string Policy = "score";

    public static void AddShedding(this IServiceCollection services, WorkerOptions options)
    {
        var http = options.Http;
        int retryAfter = options.Batching.RetryAfterSeconds;
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.AddConcurrencyLimiter(Policy, concurrency =>
            {
                concurrency.PermitLimit = http.MaxConcurrentRequests;
                concurrency.QueueLimit = http.RequestQueueLimit;
                concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.OnRejected = async (context, cancellation) =>
            {
                var request = context.HttpContext;
                request.RequestServices.GetRequiredService<RejectionLog>().Busy();
                request.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await request.Response.WriteAsJsonAsync(
                    new ProblemResponse("The worker is at its concurrency limit (Worker:Http:MaxConcurrentRequests); retry after the Retry-After delay."),
                    WorkerJsonContext.Default.ProblemResponse, contentType: null, cancellation).ConfigureAwait(false);
            };
        });
    }
}
