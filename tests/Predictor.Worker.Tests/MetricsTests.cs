using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// The worker's instruments, read in-process with a <see cref="MeterListener"/>: the same System.Diagnostics.Metrics
/// stream dotnet-counters subscribes to. Only this host's meters are listened to (by the meter factory that owns them),
/// so tests running in parallel cannot add to the counts.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Requests_rows_batches_latency_and_files_are_counted_without_patient_values()
    {
        await using var host = await WorkerHost.StartAsync();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var tagValues = new ConcurrentBag<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Predictor.Worker" && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
                tagValues.Add(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
            totals.AddOrUpdate(key, value, (_, total) => total + value);
            totals.AddOrUpdate(instrument.Name + "#count", 1, (_, n) => n + 1);
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        var rows = Cohorts.Rows(3);
        using (var one = await host.Client.PostAsync("/v1/score", Json(Cohorts.ToJsonObject(rows[0])))) one.EnsureSuccessStatusCode();
        using (var batch = await host.Client.PostAsync("/v1/score", Json("[" + string.Join(",", rows.Select(Cohorts.ToJsonObject)) + "]"))) batch.EnsureSuccessStatusCode();
        string staged = Path.Combine(host.Root, "five.csv");
        Cohorts.Write(staged, Cohorts.Rows(5, skip: 10));
        File.Copy(staged, Path.Combine(host.Inbox, "five.csv"));
        await WorkerHost.WaitUntil(() => totals.ContainsKey("predictor.worker.files.processed"), "the file to be counted");
        listener.RecordObservableInstruments();

        Assert.True(totals.ContainsKey("predictor.worker.requests|outcome=scored"), string.Join("; ", totals.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(2, totals["predictor.worker.requests|outcome=scored"]);
        Assert.Equal(2, totals["predictor.worker.request.duration#count"]);
        Assert.True(totals["predictor.worker.request.duration"] > 0);
        Assert.Equal(4, totals["predictor.worker.rows.scored|source=http"]);
        Assert.Equal(4, totals["predictor.worker.batch.size"]);
        Assert.Equal(1, totals["predictor.worker.files.processed"]);
        Assert.Equal(5, totals["predictor.worker.rows.scored|source=file"]);
        Assert.True(totals.ContainsKey("predictor.worker.model.loaded_at|version=" + ModelVersion(host)));

        // Tags carry outcomes, sources and the model version, never a patient's id or values.
        var patientIds = rows.Select(r => r.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(tagValues, v => patientIds.Contains(v));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string ModelVersion(WorkerHost host)
    {
        using var response = host.Client.GetAsync("/v1/model").GetAwaiter().GetResult();
        using var doc = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return doc.RootElement.GetProperty("version").GetString()![..12];
    }
}
