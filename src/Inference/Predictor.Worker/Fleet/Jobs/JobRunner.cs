using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Worker.Fleet.Audit;
using Predictor.Worker.Models;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// This worker's share of the fleet's batch jobs: a few loops, each leasing a chunk, scoring it on the current
/// model (renewing the lease meanwhile, so a slow chunk is not taken over) and committing its predictions while the
/// lease is held. A chunk that cannot be scored is released with the reason, and marked failed once it has had
/// Worker:Jobs:MaxAttempts attempts. While the database is unreachable the loops pause and retry; a chunk whose
/// commit failed is leased again (by anyone) once its lease expires.
/// </summary>
internal sealed class JobRunner(
    JobStore jobs, ModelStore models, FleetNotifications notifications, WorkerIdentity identity, TimeProvider clock,
    IOptions<FleetOptions> options, ILogger<JobRunner> log, PatientRefs refs) : BackgroundService
{
    /// <summary>Longest failure reason stored with a chunk (it is shown to whoever asks for the job's status).</summary>
    private const int MaxReasonLength = 500;

    private readonly FleetOptions _options = options.Value;
    private int _paused;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Jobs.EffectiveConcurrency).Select(_ => Task.Run(() => Loop(stoppingToken), stoppingToken)));

    private async Task Loop(CancellationToken stoppingToken)
    {
        var audit = _options.Audit.Enabled ? refs : null;
        var settings = _options.Jobs;
        while (!stoppingToken.IsCancellationRequested)
        {
            LeasedChunk? chunk = null;
            try
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                chunk = await jobs.TryLeaseAsync(identity.Name, settings.LeaseDuration, settings.MaxAttempts, stoppingToken).ConfigureAwait(false);
                if (Interlocked.Exchange(ref _paused, 0) == 1) FleetLog.Resumed(log, "jobs");
                if (chunk is null)
                {
                    await notifications.JobSubmitted.WaitAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                long leased = System.Diagnostics.Stopwatch.GetTimestamp();
                // The lease is renewed until the commit holds the chunk's row lock, not only while scoring: stopping
                // at the end of the scoring left the commit's first statement racing the lease's expiry on a busy
                // machine, and a sibling that leased the chunk in between scored it again.
                var renewer = KeepLease(chunk, stoppingToken);
                bool committed;
                long scoredAt;
                try
                {
                    // Read under renewal: a large chunk's input may take longer to arrive than the lease lasts.
                    var withInput = await jobs.ReadInputAsync(identity.Name, chunk, stoppingToken).ConfigureAwait(false);
                    if (withInput is null)
                    {
                        FleetLog.LeaseLost(log, chunk.JobId, chunk.ChunkNo);
                        continue;
                    }
                    chunk = withInput;
                    // On a thread of its own: scoring is long and synchronous, and on the pool it would hold up the
                    // HTTP requests on a busy machine.
                    var held = chunk;
                    var scored = await Task.Factory.StartNew(
                        () => ChunkScorer.Score(held, models.Current, audit, clock.GetUtcNow()),
                        CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                    scoredAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    committed = await jobs.CompleteAsync(identity.Name, scored, renewer.Stop, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    renewer.Stop();
                }
                if (committed)
                {
                    FleetLog.ChunkDone(log, chunk.JobId, chunk.ChunkNo, chunk.SourceRows.Length, chunk.Attempt,
                        Milliseconds(started, leased), Milliseconds(leased, scoredAt), Milliseconds(scoredAt, System.Diagnostics.Stopwatch.GetTimestamp()));
                    notifications.JobSubmitted.Set(); // more chunks are likely waiting: let a sibling loop look at once
                }
                else
                {
                    FleetLog.LeaseLost(log, chunk.JobId, chunk.ChunkNo);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException and not Npgsql.PostgresException)
            {
                if (Interlocked.Exchange(ref _paused, 1) == 0) FleetLog.Paused(log, "jobs", ex.Message);
                await Task.Delay(_options.Database.RetryInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (chunk is not null && ex is not OperationCanceledException)
            {
                await GiveBack(chunk, ex, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Renews the chunk's lease every Worker:Jobs:LeaseDuration / 3 (on a thread of its own) until stopped.</summary>
    private LeaseRenewer KeepLease(LeasedChunk chunk, CancellationToken stoppingToken)
    {
        var interval = _options.Jobs.RenewInterval;
        var lease = _options.Jobs.LeaseDuration;
        return LeaseRenewer.Start(
            "chunk lease", interval,
            () => jobs.Renew(identity.Name, chunk, lease),
            renewed: r =>
            {
                // Late renewals are the warning sign before a takeover: say so while the lease still holds, and where
                // the time went (the database call, garbage collection, or neither: a machine short of CPU).
                if (r.SincePrevious > 2 * interval)
                    FleetLog.LeaseRenewedLate(log, chunk.JobId, chunk.ChunkNo, (long)r.SincePrevious.TotalMilliseconds, (long)r.DatabaseCall.TotalMilliseconds,
                        (long)r.GcPause.TotalMilliseconds, (long)Math.Max(0, (lease - r.SincePrevious).TotalMilliseconds), (long)lease.TotalMilliseconds);
                else
                    FleetLog.LeaseRenewed(log, chunk.JobId, chunk.ChunkNo, (long)r.SincePrevious.TotalMilliseconds);
            },
            lost: () => FleetLog.LeaseNotRenewed(log, chunk.JobId, chunk.ChunkNo),
            failed: ex => FleetLog.LeaseRenewalFailed(log, chunk.JobId, chunk.ChunkNo, ex.GetType().Name),
            stop: stoppingToken);
    }

    /// <summary>A chunk this worker could not score: release it with the reason (failed for good after MaxAttempts).</summary>
    private async Task GiveBack(LeasedChunk chunk, Exception ex, CancellationToken stoppingToken)
    {
        string reason = Reason(ex);
        try
        {
            string? state = await jobs.FailAsync(identity.Name, chunk, reason, _options.Jobs.MaxAttempts, stoppingToken).ConfigureAwait(false);
            FleetLog.ChunkFailed(log, chunk.JobId, chunk.ChunkNo, chunk.Attempt, _options.Jobs.MaxAttempts,
                state == "failed" ? "given up" : state is null ? "lease no longer held" : "released for another attempt", reason);
            notifications.JobSubmitted.Set();
        }
        catch (Exception recordFailed) when (recordFailed is not OperationCanceledException)
        {
            // Could not record it (database away): the lease expires and the chunk is retried, still counting attempts.
            FleetLog.ChunkFailed(log, chunk.JobId, chunk.ChunkNo, chunk.Attempt, _options.Jobs.MaxAttempts, "left to its lease", reason);
            await Task.Delay(_options.Database.RetryInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>The exception's type and first line, bounded: our messages name the job and chunk, never cell values.</summary>
    private static string Reason(Exception ex)
    {
        string message = ex.Message.Split('\n')[0].Trim();
        string reason = $"{ex.GetType().Name}: {message}";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
    }

    private static long Milliseconds(long from, long to) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
