using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;

namespace Predictor.Worker.Scoring;

/// <summary>
/// Gathers concurrent requests into batches for one scoring loop. Admission is bounded: at most
/// <see cref="BatchingOptions.QueueCapacity"/> requests may be waiting or in a batch; beyond that
/// <see cref="TryEnqueue"/> refuses at once, so an overload is answered with 503 + Retry-After instead of slowing every
/// caller down. On shutdown it stops admitting and scores everything already admitted.
/// </summary>
/// <remarks>
/// With no batch wait and <see cref="BatchingOptions.ScoreWhenIdle"/> on, a request that finds no other request being
/// scored inline is scored at once on its own thread: it skips two thread-pool hops (to the batch loop and back),
/// which at light load are most of its latency. Requests arriving meanwhile queue and are gathered into batches.
/// </remarks>
internal sealed class MicroBatcher : BackgroundService
{
    private readonly Channel<ScoreJob> _queue = Channel.CreateUnbounded<ScoreJob>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly BatchingOptions _options;
    private readonly WorkerMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly bool _scoreWhenIdle;
    private int _admitted;
    private int _inlineBusy;
    private volatile bool _stopping;

    public MicroBatcher(IOptions<WorkerOptions> options, WorkerMetrics metrics, TimeProvider clock)
    {
        _options = options.Value.Batching;
        _metrics = metrics;
        _clock = clock;
        _scoreWhenIdle = _options.ScoreWhenIdle && _options.MaxBatchWait == TimeSpan.Zero;
    }

    /// <summary>Queues a job, or returns false when the queue is full or the worker is stopping.</summary>
    public bool TryEnqueue(ScoreJob job)
    {
        if (Interlocked.Increment(ref _admitted) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _admitted);
            return false;
        }
        job.EnqueuedAt = _clock.GetTimestamp();
        if (_scoreWhenIdle && !_stopping && Interlocked.CompareExchange(ref _inlineBusy, 1, 0) == 0)
        {
            try
            {
                ScoreOne(job, job.EnqueuedAt);
                _metrics.BatchScored(1, job.PatientCount);
            }
            finally
            {
                Volatile.Write(ref _inlineBusy, 0);
            }
            return true;
        }
        if (_queue.Writer.TryWrite(job)) return true;
        Interlocked.Decrement(ref _admitted);
        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<ScoreJob>(_options.MaxBatchSize);
        // Not cancelled by stoppingToken: the loop ends when the writer is completed and every admitted job is scored.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            int patients = Gather(reader, batch);
            if (patients < _options.MaxBatchSize && _options.MaxBatchWait > TimeSpan.Zero)
            {
                using var window = new CancellationTokenSource(_options.MaxBatchWait, _clock);
                try
                {
                    while (patients < _options.MaxBatchSize && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                        patients += Gather(reader, batch, patients);
                }
                catch (OperationCanceledException)
                {
                    // The wait window closed: score what we have.
                }
            }
            Score(batch, patients);
            batch.Clear();
        }
    }

    private int Gather(ChannelReader<ScoreJob> reader, List<ScoreJob> batch, int patients = 0)
    {
        int added = 0;
        while (patients + added < _options.MaxBatchSize && reader.TryRead(out var job))
        {
            batch.Add(job);
            added += job.PatientCount;
        }
        return added;
    }

    private void Score(List<ScoreJob> batch, int patients)
    {
        long started = _clock.GetTimestamp();
        foreach (var job in batch) ScoreOne(job, started);
        _metrics.BatchScored(batch.Count, patients);
        Debug.Assert(Volatile.Read(ref _admitted) >= 0);
    }

    private void ScoreOne(ScoreJob job, long started)
    {
        _metrics.QueueWait(_clock.GetElapsedTime(job.EnqueuedAt, started));
        try
        {
            var probabilities = new double[job.PatientCount];
            job.Model.Score(job.Rows, probabilities);
            job.Complete(probabilities);
        }
#pragma warning disable CA1031 // A failure belongs to the request that caused it; the loop must go on for the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            job.Fail(ex);
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }
}
