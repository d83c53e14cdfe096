using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Audit;

namespace Predictor.Worker.Fleet.Audit;

/// <summary>
/// Records HTTP predictions off the request's path: requests only enqueue; this service hashes ids (when asked),
/// batches and writes them by COPY. While the database is unreachable batches go to the <see cref="AuditSpool"/>,
/// which is replayed, oldest first, before anything newer once it is back. On stop, what is queued is written or spooled.
/// </summary>
internal sealed class AuditTrail(
    AuditStore store, AuditSpool spool, PatientRefs refs, IOptions<FleetOptions> options, ILogger<AuditTrail> log) : BackgroundService
{
    private readonly Channel<AuditRecord> _queue = Channel.CreateUnbounded<AuditRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AuditOptions _options = options.Value.Audit;
    private readonly TimeSpan _retry = options.Value.Database.RetryInterval;
    private bool _paused;

    /// <summary>Queues one prediction (with the raw patient id; hashing happens in the background).</summary>
    public void Record(AuditRecord record) => _queue.Writer.TryWrite(record);

    /// <summary>Rows queued and not yet written or spooled (for tests and metrics).</summary>
    public int Pending => _queue.Reader.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditRecord>(_options.MaxBatch);
        var retry = _retry;
        // One idle timer at a time: a new one per wake-up left thousands of pending timers under load.
        Task? idle = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Wake for new rows, or after a while to replay the spool once the database may be back.
                var ready = _queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
                idle ??= Task.Delay(retry, stoppingToken);
                if (await Task.WhenAny(ready, idle).ConfigureAwait(false) != ready)
                {
                    idle = null;
                    if (!spool.IsEmpty) await Replay(stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (!await ready.ConfigureAwait(false)) break;
                // Let a batch gather, so a stream of single requests is written a few hundred rows per COPY.
                if (_options.FlushInterval > TimeSpan.Zero)
                    await Task.Delay(_options.FlushInterval, stoppingToken).ConfigureAwait(false);
                Drain(batch);
                await Deliver(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and save what is queued.
        }
        Drain(batch, int.MaxValue);
        if (batch.Count == 0) return;
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Deliver(batch, last.Token).ConfigureAwait(false);
    }

    private void Drain(List<AuditRecord> batch, int? limit = null)
    {
        int max = limit ?? _options.MaxBatch;
        while (batch.Count < max && _queue.Reader.TryRead(out var record))
        {
            batch.Add(refs.Hashed ? record with { PatientRef = refs.For(record.PatientRef), PatientRefHashed = true } : record);
        }
    }

    /// <summary>Writes a batch, unless older spooled rows must go first or the database is away: then spools it.</summary>
    private async Task Deliver(List<AuditRecord> batch, CancellationToken cancellation)
    {
        if (!spool.IsEmpty && !await Replay(cancellation).ConfigureAwait(false))
        {
            Spool(batch);
            return;
        }
        try
        {
            await store.WriteAsync(batch, cancellation).ConfigureAwait(false);
            Resume();
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException || ex is OperationCanceledException)
        {
            Pause(ex);
            Spool(batch);
        }
    }

    /// <summary>Writes spooled files oldest first; true when the spool is empty afterwards.</summary>
    private async Task<bool> Replay(CancellationToken cancellation)
    {
        foreach (string file in spool.Files())
        {
            var records = AuditSpool.Read(file);
            try
            {
                await store.WriteAsync(records, cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException || ex is OperationCanceledException)
            {
                Pause(ex);
                return false;
            }
            File.Delete(file);
            FleetLog.AuditSpoolFlushed(log, Path.GetFileName(file), records.Count);
        }
        Resume();
        return true;
    }

    private void Spool(List<AuditRecord> batch)
    {
        string file = spool.Write(batch);
        FleetLog.AuditSpooled(log, batch.Count, Path.GetFileName(file));
    }

    private void Pause(Exception ex)
    {
        if (!_paused) FleetLog.Paused(log, "audit writes", ex.Message);
        _paused = true;
    }

    private void Resume()
    {
        if (_paused) FleetLog.Resumed(log, "audit writes");
        _paused = false;
    }
}
