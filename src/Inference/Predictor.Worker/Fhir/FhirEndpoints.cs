using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Predictor.Fhir.CdsHooks;
using Predictor.Fhir.Mapping;
using Predictor.Fhir.Reading;
using Predictor.Worker.Configuration;
using Predictor.Worker.Http;
using Predictor.Worker.Models;

namespace Predictor.Worker.Fhir;

/// <summary>
/// The FHIR surface of the worker: <c>POST /v1/score/fhir</c> (behind the API key like the rest of /v1) and the
/// CDS Hooks 2.0 service (<c>GET /cds-services</c>, <c>POST /cds-services/{id}</c>). Every refusal is a 4xx with
/// the <see cref="CdsError"/> shape.
/// </summary>
internal static class FhirEndpoints
{
    /// <summary>Registers the mapping (shipped, or <c>Worker:Fhir:MappingFile</c>) and the FHIR scorer.</summary>
    public static void AddFhir(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FhirOptions>().Bind(configuration.GetSection(FhirOptions.Section))
            .Validate(o => o.CardContributions is >= 0 and <= 50, "Worker:Fhir:CardContributions must be between 0 and 50.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ModelCardUrl) || Uri.TryCreate(o.ModelCardUrl, UriKind.Absolute, out _),
                "Worker:Fhir:ModelCardUrl must be an absolute URL (or empty for this worker's /v1/model).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FhirOptions>>().Value;
            try
            {
                return new PatientMapper(string.IsNullOrWhiteSpace(options.MappingFile) ? FhirMappingOptions.Default : FhirMappingOptions.Load(options.MappingFile));
            }
            catch (FhirMappingException ex)
            {
                throw new WorkerStartupException(ex.Message);
            }
        });
        services.AddSingleton<FhirScoring>();
        services.AddSingleton<FhirScoreEndpoint>();
        services.AddSingleton<CdsEndpoint>();
    }

    /// <summary>Maps the endpoints: /v1/score/fhir behind the API key as the rest of /v1; the CDS services open (EHRs authenticate with a JWT, which this service does not check).</summary>
    /// <returns>The two scoring routes, for what wraps scoring (the fleet's audit trail).</returns>
    public static RouteHandlerBuilder[] MapFhir(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ApiKeyFilter>();
        var fhir = v1.MapPost("/score/fhir", (HttpContext context, FhirScoreEndpoint endpoint) => endpoint.Handle(context)).RequireRateLimiting(Shedding.Policy);
        app.MapGet("/cds-services", (PatientMapper mapper) => Results.Json(CdsServices.Discovery(mapper.Options), CdsJsonContext.Default.CdsDiscovery));
        var cds = app.MapPost("/cds-services/{id}", (string id, HttpContext context, CdsEndpoint endpoint) => endpoint.Handle(id, context)).RequireRateLimiting(Shedding.Policy);
        return [fhir, cds];
    }

    public static IResult Error(int status, string message, IEnumerable<CdsProblem>? problems = null)
    {
        var list = problems?.ToList();
        return Results.Json(new CdsError(message) { Problems = list is { Count: > 0 } ? list : null }, CdsJsonContext.Default.CdsError, statusCode: status);
    }

    /// <summary>The whole body (Kestrel stops it at <c>Worker:Http:MaxRequestBytes</c>).</summary>
    /// <exception cref="BadHttpRequestException">The body is larger than the limit (status 413).</exception>
    public static async Task<byte[]> ReadBody(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The index date from <c>?indexDate=</c> (a date or a FHIR dateTime), else now.</summary>
    /// <exception cref="FhirInputException">The value is not a date.</exception>
    public static DateTimeOffset IndexDate(HttpContext context, TimeProvider clock)
    {
        string? text = context.Request.Query["indexDate"].FirstOrDefault();
        if (text is null) return clock.GetUtcNow();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FhirInputException($"indexDate must be a date (yyyy-MM-dd) or a date-time with zone, not '{text}'.");
    }

    public static int MaxPatients(IOptions<WorkerOptions> options) => options.Value.Http.MaxPatientsPerRequest;
}
