using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Data.Errors;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// Stores a job while its file is still being read, so that the fleet scores the first chunks while the rest is read
/// and checked. The first part is read and stored before the caller gets the job id (a file that cannot be read at
/// all makes no job); the rest is stored in the background under a submit lease that this worker renews. A file that
/// turns out unreadable part-way, or a worker stopping mid-submit, fails the job with the reason; a worker that dies
/// mid-submit stops renewing, and the next worker looking for chunks fails the job ("submit did not finish").
/// </summary>
internal sealed class JobIntake(
    JobSubmitStore store, WorkerIdentity identity, IOptions<FleetOptions> options, IHostApplicationLifetime lifetime,
    ILogger<JobIntake> log) : IHostedService
{
    private readonly JobOptions _jobs = options.Value.Jobs;

    /// <summary>Submits still storing in the background: a stopping worker waits for them to record how they ended.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Task> _running = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Submits see the application stopping and fail their jobs ("the worker stopped"); this waits for that to be
    /// recorded while the database is still open (or until the host's shutdown timeout, after which the submit lease
    /// lapses and another worker fails the job).
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_running.Values).WaitAsync(cancellationToken);

    /// <summary>
    /// Starts a job from <paramref name="batches"/>; returns once its first part is stored and the second read (so a
    /// file of one part is already 'submitted'). <paramref name="done"/> runs when the file is no longer needed.
    /// </summary>
    /// <exception cref="PredictorInputException">The file cannot be read (no job was made), or its second part cannot (the job is failed).</exception>
    public async Task<Guid> SubmitAsync(IEnumerable<SubmitBatch> batches, string source, string submittedBy, Action done, CancellationToken cancellation)
    {
        var submit = new SubmitRun(Guid.CreateVersion7(), source, identity.Name);
        IEnumerator<SubmitBatch>? reader = null;
        LeaseRenewer? renewer = null;
        bool begun = false, handedOver = false;
        try
        {
            reader = batches.GetEnumerator();
            bool any = await Next(submit, reader, cancellation).ConfigureAwait(false);
            await store.BeginAsync(submit.JobId, source, submittedBy, submit.Owner, _jobs.LeaseDuration, cancellation).ConfigureAwait(false);
            begun = true;
            renewer = KeepLease(submit);
            bool more = any && await Store(submit, reader.Current, cancellation).ConfigureAwait(false)
                && await NextOrFail(submit, reader, cancellation).ConfigureAwait(false);
            if (more)
            {
                handedOver = true;
                var (rest, lease) = (reader, renewer);
                var background = Task.Run(() => Continue(submit, rest, lease, done), CancellationToken.None);
                _running[submit.JobId] = background;
                _ = background.ContinueWith(_ => _running.TryRemove(submit.JobId, out var _), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            else
            {
                await Finish(submit, renewer, lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            return submit.JobId;
        }
        catch (Exception ex) when (begun && ex is not PredictorInputException)
        {
            await FailQuietly(submit, $"submit did not finish: {ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}", ex.GetType().Name).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (!handedOver)
            {
                renewer?.Stop();
                reader?.Dispose();
                done();
            }
        }
    }

    /// <summary>Stores the parts after the first, one transaction each; <paramref name="reader"/> is on a part not yet stored.</summary>
    private async Task Continue(SubmitRun submit, IEnumerator<SubmitBatch> reader, LeaseRenewer renewer, Action done)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            while (await Store(submit, reader.Current, stopping).ConfigureAwait(false) && await NextOrFail(submit, reader, stopping).ConfigureAwait(false))
            {
            }
            await Finish(submit, renewer, stopping).ConfigureAwait(false);
        }
        catch (PredictorInputException)
        {
            // Recorded on the job by NextOrFail.
        }
        catch (Exception ex) when (ex is OperationCanceledException && stopping.IsCancellationRequested)
        {
            await FailQuietly(submit, "submit did not finish: the worker stopped before the whole file was stored", "the worker is stopping").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await FailQuietly(submit, $"submit did not finish: {ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}", ex.GetType().Name).ConfigureAwait(false);
        }
        finally
        {
            renewer.Stop();
            reader.Dispose();
            done();
        }
    }

    private async Task<bool> Store(SubmitRun submit, SubmitBatch batch, CancellationToken cancellation)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool stored = await store.AppendAsync(submit.JobId, submit.Owner, batch, _jobs.LeaseDuration, cancellation).ConfigureAwait(false);
        submit.StoreTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
        if (!stored)
        {
            FleetLog.SubmitStopped(log, submit.JobId, "the job was cancelled, or its submit lease lapsed and it was failed as abandoned");
            return false;
        }
        submit.Rows += batch.Chunks.Sum(c => c.SourceRows.Length);
        submit.Chunks += batch.Chunks.Count;
        submit.Rejected += batch.RejectedRows;
        return true;
    }

    /// <summary>Reads the next part; a part that cannot be read fails the job (reason recorded) and is rethrown.</summary>
    private async Task<bool> NextOrFail(SubmitRun submit, IEnumerator<SubmitBatch> reader, CancellationToken cancellation)
    {
        try
        {
            return await Next(submit, reader, cancellation).ConfigureAwait(false);
        }
        catch (PredictorInputException ex)
        {
            await FailQuietly(submit, $"submit did not finish: {ex.Message.Split('\n')[0].Trim()}", "the file cannot be read part-way").ConfigureAwait(false);
            throw new PredictorInputException($"{ex.Message} (job {submit.JobId} was stored in part and is marked failed)", ex);
        }
    }

    /// <summary>Reading and checking is synchronous CPU work: off the request's thread.</summary>
    private static async Task<bool> Next(SubmitRun submit, IEnumerator<SubmitBatch> reader, CancellationToken cancellation)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool more = await Task.Run(reader.MoveNext, cancellation).ConfigureAwait(false);
        submit.ReadTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
        return more;
    }

    private async Task Finish(SubmitRun submit, LeaseRenewer renewer, CancellationToken cancellation)
    {
        // A renewal still in flight is harmless: it renews a lease FinishAsync is about to clear, or finds none.
        renewer.Stop();
        if (!await store.FinishAsync(submit.JobId, submit.Owner, cancellation).ConfigureAwait(false))
        {
            FleetLog.SubmitStopped(log, submit.JobId, "the job was cancelled, or its submit lease lapsed and it was failed as abandoned");
            return;
        }
        FleetLog.JobSubmitted(log, submit.JobId, submit.Source, submit.Rows, submit.Chunks, submit.Rejected,
            Milliseconds(submit.ReadTicks), Milliseconds(submit.StoreTicks));
    }

    /// <summary>
    /// Fails the job with <paramref name="reason"/> (shown to whoever asks for its status). The log gets only
    /// <paramref name="why"/>: a file's problem may quote a value from it.
    /// </summary>
    private async Task FailQuietly(SubmitRun submit, string reason, string why)
    {
        try
        {
            if (await store.FailAsync(submit.JobId, submit.Owner, reason, CancellationToken.None).ConfigureAwait(false))
                FleetLog.SubmitFailed(log, submit.JobId, submit.Source, why);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is away: the submit lease lapses and the next worker looking for chunks fails the job.
            FleetLog.SubmitFailed(log, submit.JobId, submit.Source, $"{why}; not recorded ({ex.GetType().Name}), the submit lease will lapse");
        }
    }

    /// <summary>
    /// Renews the submit lease every Worker:Jobs:LeaseDuration / 3, on a thread of its own (reading and checking the
    /// file keeps the pool busy), until stopped or the application stops.
    /// </summary>
    private LeaseRenewer KeepLease(SubmitRun submit) => LeaseRenewer.Start(
        "submit lease", _jobs.RenewInterval, () => store.Renew(submit.JobId, submit.Owner, _jobs.LeaseDuration),
        failed: ex => FleetLog.SubmitStopped(log, submit.JobId, $"its lease renewal stopped on an unexpected {ex.GetType().Name}; the submit lease will lapse"),
        stop: lifetime.ApplicationStopping);

    private static long Milliseconds(long stopwatchTicks) => stopwatchTicks * 1000 / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>One submit in progress: who holds it and what it has stored.</summary>
    private sealed class SubmitRun(Guid jobId, string source, string owner)
    {
        public Guid JobId { get; } = jobId;
        public string Source { get; } = source;
        public string Owner { get; } = owner;
        public int Rows { get; set; }
        public int Chunks { get; set; }
        public int Rejected { get; set; }
        public long StoreTicks { get; set; }
        public long ReadTicks { get; set; }
    }
}
