using System.Diagnostics.Metrics;
using Predictor.Worker.Models;

namespace Predictor.Worker.Diagnostics;

/// <summary>
/// The worker's instruments on meter <c>Predictor.Worker</c> (watch with
/// <c>dotnet-counters monitor -n Predictor.Worker --counters Predictor.Worker</c>). Counts and timings only; never
/// patient values.
/// </summary>
internal sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "Predictor.Worker";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _rowsScored;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _filesProcessed;
    private readonly Counter<long> _filesFailed;
    private readonly Counter<long> _rowsRejected;
    private readonly Counter<long> _filesRescored;
    private readonly Counter<long> _modelRejected;
    private long _modelLoadedAt;
    private string _modelVersion = "";

    public WorkerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("predictor.worker.requests", "{request}", "Score requests answered, by outcome");
        _rejected = _meter.CreateCounter<long>("predictor.worker.requests.rejected", "{request}", "Requests refused under overload (503), by reason: connections (too many open), concurrency (too many in progress) or queue-full");
        _rowsScored = _meter.CreateCounter<long>("predictor.worker.rows.scored", "{patient}", "Patients scored, by source (http or file)");
        _batchSize = _meter.CreateHistogram<int>("predictor.worker.batch.size", "{patient}", "Patients per micro-batch");
        _queueWait = _meter.CreateHistogram<double>("predictor.worker.queue.wait", "ms", "Time a request waited for its batch");
        _latency = _meter.CreateHistogram<double>("predictor.worker.request.duration", "ms", "Score request latency inside the worker");
        _filesProcessed = _meter.CreateCounter<long>("predictor.worker.files.processed", "{file}", "Inbox files scored");
        _filesFailed = _meter.CreateCounter<long>("predictor.worker.files.failed", "{file}", "Inbox files moved to failed/");
        _filesRescored = _meter.CreateCounter<long>("predictor.worker.files.rescored", "{file}", "Inputs that changed after they were scored (still being written) and were scored again");
        _rowsRejected = _meter.CreateCounter<long>("predictor.worker.rows.rejected", "{patient}", "Inbox rows left out for contract violations");
        _modelRejected = _meter.CreateCounter<long>("predictor.worker.model.rejected", "{model}", "Replacement models rejected");
        _meter.CreateObservableGauge("predictor.worker.model.loaded_at", () => new Measurement<long>(
            Volatile.Read(ref _modelLoadedAt), new KeyValuePair<string, object?>("version", Volatile.Read(ref _modelVersion))),
            "s", "Unix time the served model was loaded, tagged with its version");
    }

    public void Request(string outcome, TimeSpan duration)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _latency.Record(duration.TotalMilliseconds);
    }

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void QueueWait(TimeSpan wait) => _queueWait.Record(wait.TotalMilliseconds);

    public void BatchScored(int requests, int patients)
    {
        _batchSize.Record(patients);
        _rowsScored.Add(patients, new KeyValuePair<string, object?>("source", "http"));
    }

    public void FileProcessed(int scored, int rejected)
    {
        _filesProcessed.Add(1);
        _rowsScored.Add(scored, new KeyValuePair<string, object?>("source", "file"));
        _rowsRejected.Add(rejected);
    }

    public void FileFailed() => _filesFailed.Add(1);

    public void FileRescored() => _filesRescored.Add(1);

    public void ModelRejected() => _modelRejected.Add(1);

    public void SetModel(LoadedModel model)
    {
        Volatile.Write(ref _modelVersion, model.ShortVersion);
        Volatile.Write(ref _modelLoadedAt, model.LoadedAt.ToUnixTimeSeconds());
    }

    public void Dispose() => _meter.Dispose();
}
