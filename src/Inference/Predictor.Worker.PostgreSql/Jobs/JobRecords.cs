namespace Predictor.Worker.PostgreSql.Jobs;

/// <summary>A new job: its validated rows already cut into chunks, and the rows the contract check left out.</summary>
public sealed record JobSubmission(Guid JobId, string Source, string SubmittedBy, IReadOnlyList<ChunkInput> Chunks, IReadOnlyList<RowError> Errors, int RejectedRows);

/// <summary>
/// Part of a job being submitted: the next chunks cut from the file (numbered on from those already stored), the
/// rows the contract check left out of this part, and how many distinct rows that is.
/// </summary>
public sealed record SubmitBatch(IReadOnlyList<ChunkInput> Chunks, IReadOnlyList<RowError> Errors, int RejectedRows);

/// <summary>One chunk's rows: their 1-based rows in the submitted file and their contract CSV.</summary>
public sealed record ChunkInput(int[] SourceRows, byte[] Input);

/// <summary>
/// A row the contract check left out: its 1-based data row, the line it starts on in a CSV (null for Parquet),
/// the column (null for a whole-row problem) and the problem as the contract check worded it.
/// </summary>
public sealed record RowError(int SourceRow, int? Line, string? Column, string Problem);

/// <summary>A chunk this worker holds a lease on, until <see cref="LeaseUntil"/>; <see cref="Input"/> is empty until read.</summary>
public sealed record LeasedChunk(Guid JobId, int ChunkNo, int[] SourceRows, byte[] Input, int Attempt, DateTimeOffset LeaseUntil);

/// <summary>
/// A leased chunk's results, aligned with its <see cref="LeasedChunk.SourceRows"/>. <paramref name="AuditPatientRefs"/>
/// is null when the audit trail is off; otherwise the patient ids or their keyed hashes.
/// </summary>
public sealed record ScoredChunk(
    LeasedChunk Chunk, string ModelVersion, string[] PatientIds, double[] Probabilities, bool[] Labels,
    string[]? AuditPatientRefs, bool AuditRefsHashed, DateTimeOffset ScoredAt);

/// <summary>Where a job stands.</summary>
public sealed record JobProgress(
    Guid JobId, string Source, string SubmittedBy, DateTimeOffset SubmittedAt, int TotalRows, int RejectedRows,
    int ChunkCount, int ChunksDone, int ChunksLeased, long RowsScored, IReadOnlyList<string> ModelVersions,
    IReadOnlyList<FailedChunk> FailedChunks, int ChunksCancelled, DateTimeOffset? CancelledAt, string? CancelledBy,
    string SubmitState = "submitted", string? SubmitError = null)
{
    /// <summary>The file is still being read and stored: <see cref="TotalRows"/> and <see cref="ChunkCount"/> count what is stored so far.</summary>
    public bool IsSubmitting => SubmitState == "submitting";

    /// <summary>
    /// Nothing more will be scored: the job was cancelled, its submit failed, or every chunk of a fully stored job is
    /// done or failed.
    /// </summary>
    public bool IsFinished => CancelledAt is not null || SubmitState == "failed" || (!IsSubmitting && ChunksDone + FailedChunks.Count == ChunkCount);

    /// <summary>Rows of chunks that failed (not scored).</summary>
    public long RowsFailed => FailedChunks.Sum(c => (long)c.Rows);

    /// <summary>
    /// submitting (the file is still being stored; chunks stored so far may already be scored), queued, running,
    /// completed (every row scored), completed_with_errors (some chunks failed, the rest scored), failed (every chunk
    /// failed, or the submit failed: <see cref="SubmitError"/>) or cancelled.
    /// </summary>
    public string State =>
        CancelledAt is not null ? JobStates.Cancelled
        : SubmitState == "failed" ? JobStates.Failed
        : IsSubmitting ? JobStates.Submitting
        : IsFinished ? (FailedChunks.Count == 0 ? JobStates.Completed : ChunksDone == 0 ? JobStates.Failed : JobStates.CompletedWithErrors)
        : ChunksDone > 0 || ChunksLeased > 0 || FailedChunks.Count > 0 ? JobStates.Running
        : JobStates.Queued;
}

/// <summary>The states a job reports (<see cref="JobProgress.State"/>).</summary>
public static class JobStates
{
    public const string Submitting = "submitting";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// A chunk given up after <paramref name="Attempts"/> attempts: its rows (1-based data rows of the submitted file,
/// first and last) were not scored, for <paramref name="Reason"/>.
/// </summary>
public sealed record FailedChunk(int ChunkNo, int Rows, int FirstRow, int LastRow, int Attempts, string Reason);

/// <summary>What a cancel request found.</summary>
public enum CancelOutcome
{
    /// <summary>Cancelled now: chunks not yet scored will not be.</summary>
    Cancelled,

    /// <summary>It had been cancelled before (cancelling is idempotent).</summary>
    AlreadyCancelled,

    /// <summary>It had already finished: nothing left to cancel.</summary>
    AlreadyFinished,
}

/// <summary>One scored patient of a job.</summary>
public sealed record JobPrediction(int SourceRow, string PatientId, double Probability, bool PredictedResistant, string ModelVersion);
