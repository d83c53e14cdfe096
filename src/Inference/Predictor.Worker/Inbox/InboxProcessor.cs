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
/// <remarks>
/// A file claimed while its writer was only pausing (the settle time is a convenience, not a guarantee) must not lose
/// rows: the claimed file's size and write time are recorded at the claim and checked again before its outputs are
/// committed and after; a file that changed is held in processing/ and scored again from the start once it has been
/// unchanged for the settle time (its outputs keep their names, so they are replaced). A file moved to done/ is
/// watched for <see cref="InboxOptions.ChangeWatch"/>: if it changes there, its outputs are withdrawn and it goes back
/// to processing/ to be scored again, with a warning. A file still changing <see cref="InboxOptions.StillWritingTimeout"/> after its claim goes to
/// failed/ saying so. A CSV whose last line has no line end is held up to <see cref="InboxOptions.UnterminatedWait"/>
/// for its writer to finish; after that the cut line is reported as a row error, never scored.
/// </remarks>
/// <param name="recorder">In a fleet with the audit trail on: records each committed file's predictions; null otherwise.</param>
internal sealed class InboxProcessor(
    IOptions<WorkerOptions> options, ModelStore models, WorkerMetrics metrics, TimeProvider clock, ILogger<InboxProcessor> log,
    IInboxRecorder? recorder = null)
    : BackgroundService
{
    private readonly WorkerFolders _folders = options.Value.Folders;
    private readonly InboxOptions _inbox = options.Value.Inbox;
    // Claims waiting for their file to stop changing, by processing/ path.
    private readonly Dictionary<string, HeldClaim> _held = new(StringComparer.Ordinal);
    // Inputs recently moved to done/, watched for a writer that was still appending, by done/ path.
    private readonly Dictionary<string, DoneFile> _done = new(StringComparer.Ordinal);
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
            if (claim is not null) Process(claim, FileStamp.Of(path), clock.GetUtcNow(), stoppingToken);
        }
        _running = true;

        var scanner = new InboxScanner(_folders.Inbox, options.Value.Inbox.SettleTime, clock);
        using var timer = new PeriodicTimer(options.Value.Inbox.PollInterval, clock);
        do
        {
            foreach (var path in scanner.ReadyFiles())
            {
                if (stoppingToken.IsCancellationRequested) break;
                var claim = TryClaim(path, out var stamp);
                if (claim is not null) Process(claim, stamp, clock.GetUtcNow(), stoppingToken);
            }
            RecheckHeld(stoppingToken);
            RecheckDone();
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

    private ClaimedFile? TryClaim(string inboxPath, out FileStamp stamp)
    {
        stamp = default;
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
        // Stamped after the rename (which keeps the file's identity), so a write racing the claim is noticed later.
        stamp = FileStamp.Of(target);
        Log.FileClaimed(log, name);
        return claim with { Path = target };
    }

    /// <param name="stamp">The file as it was when claimed (or when it last settled).</param>
    /// <param name="claimedAt">When the file was first claimed (the still-writing timeout counts from it).</param>
    /// <param name="cutLineWaited">The file's last line has stayed without a line end for the whole wait: score the
    /// rest and report that line.</param>
    private void Process(ClaimedFile claim, FileStamp stamp, DateTimeOffset claimedAt, CancellationToken stoppingToken, bool cutLineWaited = false)
    {
        long started = clock.GetTimestamp();
        try
        {
            if (!cutLineWaited && EndsWithoutLineEnd(claim))
            {
                // Probably a writer paused mid-line: give it time to finish before the cut line is reported.
                Hold(claim, stamp, claimedAt, unterminated: true);
                return;
            }
            bool Unchanged() => FileStamp.Of(claim.Path) == stamp;
            var model = models.Current;
            var kept = recorder is null ? null : new ScoredRows();
            var outcome = FileScorer.Score(claim, model, _folders, _inbox.OutputFormat, Unchanged, stoppingToken, kept);
            if (!Unchanged())
            {
                // Changed between the check and the commit: the outputs are stale, take them back before anyone relies on them.
                DeleteOutputs(outcome);
                throw new FileStillBeingWrittenException();
            }
            // Recorded before the input leaves processing/: a crash in between scores the file again at the next start
            // (under a new id), rather than leaving a committed output with no record.
            string? recordedAs = kept is null ? null : recorder!.Record(kept, model, stoppingToken);
            string done = Path.Combine(_folders.Done, claim.ProcessingName);
            File.Move(claim.Path, done, overwrite: true);
            _done[done] = new DoneFile(claim, stamp, clock.GetUtcNow(), claimedAt, outcome, recordedAs);
            metrics.FileProcessed(outcome.Scored, outcome.Rejected);
            double milliseconds = clock.GetElapsedTime(started).TotalMilliseconds;
            if (recordedAs is null) Log.FileScored(log, claim.OriginalName, outcome.Scored, outcome.Rejected, milliseconds, Path.GetFileName(outcome.OutputPath));
            else Log.FileScoredAudited(log, claim.OriginalName, outcome.Scored, outcome.Rejected, milliseconds, Path.GetFileName(outcome.OutputPath), recordedAs);
        }
        catch (FileStillBeingWrittenException)
        {
            Changed(claim, claimedAt);
        }
        catch (UnusableFileException ex)
        {
            // A file read while its writer was still at it (a Parquet file has no footer until it is closed) is not
            // unusable, only unfinished.
            if (FileStamp.Of(claim.Path) != stamp) Changed(claim, claimedAt);
            else Fail(claim, ex.Message, ex.LogReason);
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
            Fail(claim, $"the worker could not score this file (internal error {ex.GetType().Name}: {ex.Message}); please report it.",
                $"internal error {ex.GetType().Name}");
        }
    }

    /// <summary>The claimed file changed after its claim: hold it until it settles, or fail it once it has been
    /// changing for too long.</summary>
    private void Changed(ClaimedFile claim, DateTimeOffset claimedAt)
    {
        var now = clock.GetUtcNow();
        if (now - claimedAt >= _inbox.StillWritingTimeout)
        {
            Fail(claim, $"the file was still being written: it kept changing for {_inbox.StillWritingTimeout.TotalSeconds:0.#} s after the worker " +
                "claimed it (Worker:Inbox:StillWritingTimeout), so it was not scored. Write files as name.part and rename them when complete.",
                "still being written");
            return;
        }
        Log.FileChangedAfterClaim(log, claim.OriginalName, _inbox.SettleTime.TotalMilliseconds);
        Hold(claim, FileStamp.Of(claim.Path), claimedAt, unterminated: false);
    }

    private void Hold(ClaimedFile claim, FileStamp stamp, DateTimeOffset claimedAt, bool unterminated)
    {
        if (unterminated) Log.FileUnterminated(log, claim.OriginalName, _inbox.UnterminatedWait.TotalSeconds);
        _held[claim.Path] = new HeldClaim(claim, stamp, clock.GetUtcNow(), claimedAt, unterminated);
    }

    /// <summary>Scores again every held file that has stopped changing (and, if its last line was cut, waited).</summary>
    private void RecheckHeld(CancellationToken stoppingToken)
    {
        if (_held.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var (path, held) in _held.ToList())
        {
            if (stoppingToken.IsCancellationRequested) return;
            var stamp = FileStamp.Of(path);
            if (!stamp.Exists)
            {
                _held.Remove(path);
                continue;
            }
            if (stamp != held.Stamp)
            {
                _held[path] = held with { Stamp = stamp, Since = now, Unterminated = false };
                continue;
            }
            var wait = held.Unterminated ? _inbox.UnterminatedWait : _inbox.SettleTime;
            if (now - held.Since < wait) continue;
            _held.Remove(path);
            Process(held.Claim, stamp, held.ClaimedAt, stoppingToken, cutLineWaited: held.Unterminated);
        }
    }

    /// <summary>
    /// An input in done/ that changes was still being written when it was scored: it goes back to processing/ under
    /// the same claim and is scored again, which replaces its outputs; a warning says so.
    /// </summary>
    private void RecheckDone()
    {
        if (_done.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var (path, done) in _done.ToList())
        {
            if (now - done.DoneAt > _inbox.ChangeWatch)
            {
                _done.Remove(path);
                continue;
            }
            var stamp = FileStamp.Of(path);
            if (stamp == done.Stamp) continue;
            _done.Remove(path);
            if (!stamp.Exists) continue;
            string processing = Path.Combine(_folders.Processing, done.Claim.ProcessingName);
            try
            {
                File.Move(path, processing, overwrite: false);
            }
            catch (IOException)
            {
                continue;
            }
            // Its outputs are known to be incomplete: take them back now rather than leave them looking final.
            DeleteOutputs(done.Outcome);
            // Its audit rows stay: that output was published and may have been read. The warning names them.
            if (done.RecordedAs is null) Log.FileChangedAfterDone(log, done.Claim.OriginalName, done.Outcome.Scored, Path.GetFileName(done.Outcome.OutputPath));
            else Log.FileChangedAfterDoneAudited(log, done.Claim.OriginalName, done.Outcome.Scored, Path.GetFileName(done.Outcome.OutputPath), done.RecordedAs);
            metrics.FileRescored();
            Changed(done.Claim with { Path = processing }, done.ClaimedAt);
        }
    }

    private static bool EndsWithoutLineEnd(ClaimedFile claim)
    {
        if (InboxFileReader.IsParquet(claim)) return false;
        using var stream = new FileStream(claim.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        if (stream.Length == 0) return false;
        stream.Position = stream.Length - 1;
        return stream.ReadByte() is not ('\n' or '\r');
    }

    private static void DeleteOutputs(FileOutcome outcome)
    {
        File.Delete(outcome.OutputPath);
        if (outcome.ErrorReportPath is { } report) File.Delete(report);
    }

    private sealed record HeldClaim(ClaimedFile Claim, FileStamp Stamp, DateTimeOffset Since, DateTimeOffset ClaimedAt, bool Unterminated);

    /// <param name="RecordedAs">The audit request id its predictions were recorded under (null without an audit trail).</param>
    private sealed record DoneFile(ClaimedFile Claim, FileStamp Stamp, DateTimeOffset DoneAt, DateTimeOffset ClaimedAt, FileOutcome Outcome, string? RecordedAs);

    /// <param name="reason">The full reason, for the reason file beside the data (it may quote the file's content).</param>
    /// <param name="logReason">A summary without cell values, for the log.</param>
    private void Fail(ClaimedFile claim, string reason, string logReason)
    {
        string reasonPath = Path.Combine(_folders.Failed, claim.ProcessingName + ".reason.txt");
        AtomicFile.Write(reasonPath, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1024, leaveOpen: true);
            writer.Write(reason + "\n");
        });
        File.Move(claim.Path, Path.Combine(_folders.Failed, claim.ProcessingName), overwrite: true);
        _held.Remove(claim.Path);
        metrics.FileFailed();
        Log.FileFailed(log, claim.OriginalName, logReason, Path.GetFileName(reasonPath));
    }
}
