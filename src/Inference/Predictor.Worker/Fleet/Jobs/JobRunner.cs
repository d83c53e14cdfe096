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
/// model and committing its predictions while the lease is held. While the database is unreachable the loops pause
/// and retry; a chunk whose commit failed is leased again (by anyone) once its lease expires.
/// </summary>
internal sealed class JobRunner(
    JobStore jobs, ModelStore models, FleetNotifications notifications, WorkerIdentity identity, TimeProvider clock,
    IOptions<FleetOptions> options, ILogger<JobRunner> log, PatientRefs refs) : BackgroundService
{
    private readonly FleetOptions _options = options.Value;
    private int _paused;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Jobs.EffectiveConcurrency).Select(_ => Task.Run(() => Loop(stoppingToken), stoppingToken)));

    private async Task Loop(CancellationToken stoppingToken)
    {
        var audit = _options.Audit.Enabled ? refs : null;
        while (!stoppingToken.IsCancellationRequested)
        {
            LeasedChunk? chunk = null;
            try
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                chunk = await jobs.TryLeaseAsync(identity.Name, _options.Jobs.LeaseDuration, stoppingToken).ConfigureAwait(false);
                if (Interlocked.Exchange(ref _paused, 0) == 1) FleetLog.Resumed(log, "jobs");
                if (chunk is null)
                {
                    await notifications.JobSubmitted.WaitAsync(_options.Jobs.PollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                long leased = System.Diagnostics.Stopwatch.GetTimestamp();
                var scored = ChunkScorer.Score(chunk, models.Current, audit, clock.GetUtcNow());
                long scoredAt = System.Diagnostics.Stopwatch.GetTimestamp();
                if (await jobs.CompleteAsync(identity.Name, scored, stoppingToken).ConfigureAwait(false))
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
            catch (Exception ex) when (chunk is not null && ex is InvalidOperationException or Predictor.Data.Errors.PredictorInputException)
            {
                FleetLog.ChunkFailed(log, chunk.JobId, chunk.ChunkNo, ex.Message);
                await Task.Delay(_options.Database.RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static long Milliseconds(long from, long to) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
