using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;
using Predictor.Worker.Models;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Runs the file inbox: claims ready files by an atomic rename into processing/, scores them, then moves each input
/// to done/ (or failed/ with a reason file). At start it first finishes every file an earlier run claimed but did not
/// finish, which together with deterministic output names gives exactly one complete output per input.
/// </summary>
internal sealed class InboxProcessor(
    IOptions<WorkerOptions> options, ModelStore models, WorkerMetrics metrics, TimeProvider clock, ILogger<InboxProcessor> log)
    : BackgroundService
{
    private readonly WorkerFolders _folders = options.Value.Folders;
    private volatile bool _running;

    /// <summary>True once claims left by an earlier run are finished and the inbox is being watched.</summary>
    public bool IsRunning => _running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once: scoring is CPU work and must not delay the HTTP server.
        await Task.Yield();
        AtomicFile.DeleteLeftovers(_folders.Outbox);
        AtomicFile.DeleteLeftovers(_folders.Failed);
        var leftovers = Directory.GetFiles(_folders.Processing).Order(StringComparer.Ordinal).ToList();
        if (leftovers.Count > 0) Log.ResumingClaims(log, leftovers.Count);
        foreach (var path in leftovers)
        {
            if (stoppingToken.IsCancellationRequested) return;
            var claim = ClaimedFile.FromProcessingPath(path);
            if (claim is not null) Process(claim, stoppingToken);
        }
        _running = true;

        var scanner = new InboxScanner(_folders.Inbox, options.Value.Inbox.SettleTime, clock);
        using var timer = new PeriodicTimer(options.Value.Inbox.PollInterval, clock);
        do
        {
            foreach (var path in scanner.ReadyFiles())
            {
                if (stoppingToken.IsCancellationRequested) break;
                var claim = TryClaim(path);
                if (claim is not null) Process(claim, stoppingToken);
            }
        }
        while (await Tick(timer, stoppingToken).ConfigureAwait(false));
        _running = false;
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private ClaimedFile? TryClaim(string inboxPath)
    {
        string name = Path.GetFileName(inboxPath);
        var claim = new ClaimedFile(ClaimedFile.NewClaimId(clock.GetUtcNow()), name, "");
        string target = Path.Combine(_folders.Processing, claim.ProcessingName);
        try
        {
            // rename(2): atomic on one file system, so a file is either still in the inbox or claimed, never both.
            File.Move(inboxPath, target, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // Taken away or locked meanwhile: the next scan sees it again if it is still there.
        }
        Log.FileClaimed(log, name);
        return claim with { Path = target };
    }

    private void Process(ClaimedFile claim, CancellationToken stoppingToken)
    {
        long started = clock.GetTimestamp();
        try
        {
            var outcome = FileScorer.Score(claim, models.Current, _folders, options.Value.Inbox.OutputFormat, stoppingToken);
            File.Move(claim.Path, Path.Combine(_folders.Done, claim.ProcessingName), overwrite: true);
            metrics.FileProcessed(outcome.Scored, outcome.Rejected);
            Log.FileScored(log, claim.OriginalName, outcome.Scored, outcome.Rejected,
                clock.GetElapsedTime(started).TotalMilliseconds, Path.GetFileName(outcome.OutputPath));
        }
        catch (UnusableFileException ex)
        {
            Fail(claim, ex.Message);
        }
        catch (OperationCanceledException)
        {
            Log.FileLeftClaimed(log, claim.OriginalName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.InboxError(log, claim.OriginalName, ex);
        }
#pragma warning disable CA1031 // A file that trips a bug must not stop the inbox, nor stop it again at every restart.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The message may quote a value from the file, so it goes to the reason file beside the data, not the log.
            Log.InboxInternalError(log, claim.OriginalName, ex.GetType().Name);
            Fail(claim, $"the worker could not score this file (internal error {ex.GetType().Name}: {ex.Message}); please report it.");
        }
    }

    private void Fail(ClaimedFile claim, string reason)
    {
        string reasonPath = Path.Combine(_folders.Failed, claim.ProcessingName + ".reason.txt");
        AtomicFile.Write(reasonPath, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1024, leaveOpen: true);
            writer.Write(reason + "\n");
        });
        File.Move(claim.Path, Path.Combine(_folders.Failed, claim.ProcessingName), overwrite: true);
        metrics.FileFailed();
        Log.FileFailed(log, claim.OriginalName, reason);
    }
}
