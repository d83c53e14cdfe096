using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// The worker's meter as operators collect it: scraped from the Prometheus endpoint over HTTP, and pushed over
/// OTLP/HTTP to a collector (here a small receiver that keeps what it is sent). Run alone: OpenTelemetry's exporters
/// subscribe to the meter by name, so a worker host of a test running in parallel would add to this host's counts.
/// </summary>
[Collection(TelemetryExportCollection.Name)]
public sealed class TelemetryExportTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_prometheus_endpoint_serves_the_worker_metrics_without_patient_values()
    {
        await using var host = await WorkerHost.StartAsync();
        var rows = Cohorts.Rows(3);
        for (int i = 0; i < 3; i++)
        {
            using var response = await host.Client.PostAsync("/v1/score", Json(Cohorts.ToJsonObject(rows[i])));
            response.EnsureSuccessStatusCode();
        }
        using (var bad = await host.Client.PostAsync("/v1/score", Json("not json"))) Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // The exporter caches a scrape briefly; poll until this host's requests are in it.
        string text = "";
        await WorkerHost.WaitUntil(() =>
        {
            text = host.Client.GetStringAsync("/metrics").Result;
            return text.Contains("predictor_worker_requests_total{", StringComparison.Ordinal)
                && text.Contains("outcome=\"bad-request\"", StringComparison.Ordinal);
        }, "the requests in a scrape");
        var scored = text.Split('\n').Single(l => l.StartsWith("predictor_worker_requests_total{", StringComparison.Ordinal)
            && l.Contains("outcome=\"scored\"", StringComparison.Ordinal));
        string value = scored[(scored.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
        Assert.Equal(3, double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("# TYPE predictor_worker_request_duration_milliseconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("predictor_worker_model_loaded_at", text, StringComparison.Ordinal);
        foreach (var row in rows) Assert.DoesNotContain(row.Split(',')[0], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_pushed_over_otlp_to_a_collector()
    {
        // A minimal OTLP/HTTP receiver: accepts POST /v1/metrics (protobuf) and keeps the bodies.
        var received = new ConcurrentQueue<byte[]>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var collector = builder.Build();
        collector.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync();

        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Telemetry:OtlpEndpoint={collector.Urls.Single()}", "--Worker:Telemetry:OtlpExportInterval=00:00:00.200");
        using (var response = await host.Client.PostAsync("/v1/score", Json(Cohorts.ToJsonObject(Cohorts.Rows(1)[0])))) response.EnsureSuccessStatusCode();

        // Metric names travel as UTF-8 strings inside the protobuf message.
        static bool Holds(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
        await WorkerHost.WaitUntil(() => received.Any(b => Holds(b, "predictor.worker.request.duration")), "an OTLP export with the request metrics");
        var export = received.First(b => Holds(b, "predictor.worker.request.duration"));
        Assert.True(Holds(export, "predictor.worker.requests"));
        Assert.True(Holds(export, "predictor-worker"), "the service name is in the resource");
        await collector.StopAsync();
    }
}

/// <summary>Not run in parallel with other test collections (see <see cref="TelemetryExportTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryExportCollection
{
    public const string Name = "telemetry export (alone)";
}
