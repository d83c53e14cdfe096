using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Predictor.Worker.Configuration;

namespace Predictor.Worker.Http;

/// <summary>
/// When an API key is configured, /v1 requests must send it in <c>X-Api-Key</c>; compared in constant time so the
/// key cannot be guessed from response timing.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<WorkerOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(KeyOf(options.Value.Http));

    private static string KeyOf(HttpApiOptions http) =>
        string.IsNullOrEmpty(http.ApiKeyFile) ? http.ApiKey : (File.ReadLines(http.ApiKeyFile).FirstOrDefault() ?? "").Trim();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_key.Length == 0) return next(context);
        string? sent = context.HttpContext.Request.Headers[Header];
        bool ok = sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), _key);
        return ok
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(new ProblemResponse($"Missing or wrong {Header} header."),
                WorkerJsonContext.Default.ProblemResponse, statusCode: StatusCodes.Status401Unauthorized));
    }
}
