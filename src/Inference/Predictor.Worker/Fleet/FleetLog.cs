using Microsoft.Extensions.Logging;

namespace Predictor.Worker.Fleet;

/// <summary>The fleet's log lines: job and chunk ids, counts, versions, reasons; never patient values.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Fleet database {Server}: schema at version {Version} (applied now: {Applied})")]
    public static partial void SchemaReady(ILogger logger, string server, int version, string applied);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Fleet database unreachable, {What} paused: {Reason}")]
    public static partial void Paused(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Fleet database reachable again, {What} resumed")]
    public static partial void Resumed(ILogger logger, string what);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information,
        Message = "Job {JobId} submitted from {Source}: {Rows} rows in {Chunks} chunks, {Rejected} rows rejected (read, check and cut {PrepareMs} ms, store {StoreMs} ms)")]
    public static partial void JobSubmitted(ILogger logger, Guid jobId, string source, int rows, int chunks, int rejected, long prepareMs, long storeMs);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Debug,
        Message = "Chunk {JobId}/{Chunk} scored: {Rows} rows (attempt {Attempt}; lease {LeaseMs} ms, decode and score {ScoreMs} ms, commit {CommitMs} ms)")]
    public static partial void ChunkDone(ILogger logger, Guid jobId, int chunk, int rows, int attempt, long leaseMs, long scoreMs, long commitMs);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Chunk {JobId}/{Chunk}: lease lost before commit (taken over by another worker, or the job was cancelled); its results were discarded")]
    public static partial void LeaseLost(ILogger logger, Guid jobId, int chunk);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error,
        Message = "Chunk {JobId}/{Chunk} could not be scored on attempt {Attempt} of {MaxAttempts} ({Outcome}): {Reason}")]
    public static partial void ChunkFailed(ILogger logger, Guid jobId, int chunk, int attempt, int maxAttempts, string outcome, string reason);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning,
        Message = "Chunk {JobId}/{Chunk}: lease not renewed, it is no longer this worker's (job cancelled, or lease expired and taken over)")]
    public static partial void LeaseNotRenewed(ILogger logger, Guid jobId, int chunk);

    [LoggerMessage(EventId = 5018, Level = LogLevel.Debug, Message = "Chunk {JobId}/{Chunk}: lease renewed, {SinceMs} ms after the previous renewal")]
    public static partial void LeaseRenewed(ILogger logger, Guid jobId, int chunk, long sinceMs);

    [LoggerMessage(EventId = 5019, Level = LogLevel.Warning,
        Message = "Chunk {JobId}/{Chunk}: lease renewed {SinceMs} ms after the previous renewal (the database took {CallMs} ms of it, garbage collection paused the process for {GcPauseMs} ms), with {LeftMs} ms of the lease left; the worker or the database is too slow for Worker:Jobs:LeaseDuration ({LeaseMs} ms), and another worker may take the chunk over")]
    public static partial void LeaseRenewedLate(ILogger logger, Guid jobId, int chunk, long sinceMs, long callMs, long gcPauseMs, long leftMs, long leaseMs);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error,
        Message = "Chunk {JobId}/{Chunk}: lease renewal stopped by an unexpected {Error}; the lease will lapse unless the commit comes first")]
    public static partial void LeaseRenewalFailed(ILogger logger, Guid jobId, int chunk, string error);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information,
        Message = "Job {JobId} cancelled by {By}: {Cancelled} chunks will not be scored, {Done} chunks already scored stay")]
    public static partial void JobCancelled(ILogger logger, Guid jobId, string by, int cancelled, int done);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Error,
        Message = "Job {JobId} from {Source}: submit failed ({Why}); chunks not yet scored were cancelled, the job's status says why")]
    public static partial void SubmitFailed(ILogger logger, Guid jobId, string source, string why);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Warning, Message = "Job {JobId}: submit stopped, {Why}")]
    public static partial void SubmitStopped(ILogger logger, Guid jobId, string why);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Registry model {Version} refused, the current model keeps serving: {Reason}")]
    public static partial void RegistryModelRefused(ILogger logger, string version, string reason);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "Audit: {Rows} rows spooled to {File} while the database is unreachable")]
    public static partial void AuditSpooled(ILogger logger, int rows, string file);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Audit: spooled file {File} flushed ({Rows} rows)")]
    public static partial void AuditSpoolFlushed(ILogger logger, string file, int rows);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Error, Message = "Audit: batch of {Rows} rows not written and kept in the spool: {Reason}")]
    public static partial void AuditFailed(ILogger logger, int rows, string reason);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Audit: an inbox file's rows go to the spool, the database did not take them: {Reason}")]
    public static partial void AuditInboxSpooling(ILogger logger, string reason);
}
