using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Predictor.Worker.Configuration;

namespace Predictor.Worker.Diagnostics;

/// <summary>
/// Exports the <c>Predictor.Worker</c> meter through OpenTelemetry, because operators scrape or push metrics rather
/// than attach dotnet-counters: a Prometheus scrape endpoint (<see cref="TelemetryOptions.PrometheusPath"/>, on by
/// default) and, when an endpoint is configured, OTLP over HTTP/protobuf to a collector.
/// </summary>
internal static class WorkerTelemetry
{
    public const string ServiceName = "predictor-worker";

    public static void AddWorkerTelemetry(this IServiceCollection services, IConfiguration configuration, TelemetryOptions telemetry)
    {
        // The standard variable is honoured too, so a collector can be wired in without worker-specific settings.
        string? otlp = !string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) ? telemetry.OtlpEndpoint : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        bool prometheus = !string.IsNullOrWhiteSpace(telemetry.PrometheusPath);
        if (!prometheus && string.IsNullOrWhiteSpace(otlp)) return;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkerMetrics.MeterName);
                if (prometheus) metrics.AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = new Uri(new Uri(otlp, UriKind.Absolute), "v1/metrics");
                        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)telemetry.OtlpExportInterval.TotalMilliseconds;
                    });
                }
            });
    }

    public static void MapScrapeEndpoint(WebApplication app, TelemetryOptions telemetry)
    {
        if (!string.IsNullOrWhiteSpace(telemetry.PrometheusPath)) app.MapPrometheusScrapingEndpoint(telemetry.PrometheusPath);
    }
}
