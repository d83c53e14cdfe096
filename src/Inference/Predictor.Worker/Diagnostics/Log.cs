using Microsoft.Extensions.Logging;

namespace Predictor.Worker.Diagnostics;

/// <summary>
/// Every log line the worker writes, with a stable event id. Messages carry file names, counts, versions and reasons,
/// never patient values (bad-row details go to the error report beside the output, not to the log).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Model {Version} loaded ({Trees} trees, {LinearTerms} linear terms) from {Path}")]
    public static partial void ModelLoaded(ILogger logger, string version, int trees, int linearTerms, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model swapped: {OldVersion} -> {NewVersion}")]
    public static partial void ModelSwapped(ILogger logger, string oldVersion, string newVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Replacement model at {Path} rejected, the current model keeps serving: {Reason}")]
    public static partial void ModelRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Model file {Path} was removed; model {Version} stays loaded and keeps serving until a new file is put there")]
    public static partial void ModelFileRemoved(ILogger logger, string path, string version);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Claimed {File} from the inbox")]
    public static partial void FileClaimed(ILogger logger, string file);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scored {File}: {Scored} patients, {Rejected} rows rejected, in {Milliseconds:F0} ms -> {Output}")]
    public static partial void FileScored(ILogger logger, string file, int scored, int rejected, double milliseconds, string output);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information,
        Message = "Scored {File}: {Scored} patients, {Rejected} rows rejected, in {Milliseconds:F0} ms -> {Output} (audit request {RequestId})")]
    public static partial void FileScoredAudited(ILogger logger, string file, int scored, int rejected, double milliseconds, string output, string requestId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning,
        Message = "{File} changed after it was scored and moved to done/ (it was still being written): the {Scored} patients in {Output} (audit request {RequestId}, kept in the trail as published) were not the whole file; it is scored again and that output replaced")]
    public static partial void FileChangedAfterDoneAudited(ILogger logger, string file, int scored, string output, string requestId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Moved {File} to failed/: {Reason} (details in failed/{ReasonFile})")]
    public static partial void FileFailed(ILogger logger, string file, string reason, string reasonFile);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Resuming {Count} file(s) claimed before the last stop")]
    public static partial void ResumingClaims(ILogger logger, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Inbox error on {File}; it stays claimed in processing/ and is retried at the next start")]
    public static partial void InboxError(ILogger logger, string file, Exception error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Stopping: {File} stays claimed and is finished at the next start")]
    public static partial void FileLeftClaimed(ILogger logger, string file);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Internal error ({ErrorType}) scoring {File}; it was moved to failed/ with the details")]
    public static partial void InboxInternalError(ILogger logger, string file, string errorType);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning,
        Message = "{File} changed after it was claimed (still being written?): nothing was committed; it is scored again once unchanged for {SettleMs:F0} ms. Write files as name.part and rename them when complete")]
    public static partial void FileChangedAfterClaim(ILogger logger, string file, double settleMs);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "{File} changed after it was scored and moved to done/ (it was still being written): the {Scored} patients in {Output} were not the whole file; it is scored again and that output replaced")]
    public static partial void FileChangedAfterDone(ILogger logger, string file, int scored, string output);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information,
        Message = "{File}: the last line has no line end yet; waiting up to {Seconds:F0} s for its writer before that line is reported as cut off")]
    public static partial void FileUnterminated(ILogger logger, string file, double seconds);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "Overload: refused {Connections} connection(s) at the connection limit, {Busy} request(s) at the concurrency limit and {QueueFull} at the full scoring queue in the last {Seconds:F0} s (503 + Retry-After; at most one such line per 10 s, counts in predictor.worker.requests.rejected)")]
    public static partial void RequestsShed(ILogger logger, long connections, long busy, long queueFull, double seconds);
}
