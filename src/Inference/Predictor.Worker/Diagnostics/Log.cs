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

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Claimed {File} from the inbox")]
    public static partial void FileClaimed(ILogger logger, string file);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scored {File}: {Scored} patients, {Rejected} rows rejected, in {Milliseconds:F0} ms -> {Output}")]
    public static partial void FileScored(ILogger logger, string file, int scored, int rejected, double milliseconds, string output);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Moved {File} to failed/: {Reason}")]
    public static partial void FileFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Resuming {Count} file(s) claimed before the last stop")]
    public static partial void ResumingClaims(ILogger logger, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Inbox error on {File}; it stays claimed in processing/ and is retried at the next start")]
    public static partial void InboxError(ILogger logger, string file, Exception error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Stopping: {File} stays claimed and is finished at the next start")]
    public static partial void FileLeftClaimed(ILogger logger, string file);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Internal error ({ErrorType}) scoring {File}; it was moved to failed/ with the details")]
    public static partial void InboxInternalError(ILogger logger, string file, string errorType);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Score request refused: queue full ({Capacity} requests admitted)")]
    public static partial void QueueFull(ILogger logger, int capacity);
}
