namespace Predictor.Worker.PostgreSql.Jobs;

/// <summary>A new job: its validated rows already cut into chunks, and the rows the contract check left out.</summary>
public sealed record JobSubmission(Guid JobId, string Source, string SubmittedBy, IReadOnlyList<ChunkInput> Chunks, IReadOnlyList<RowError> Errors, int RejectedRows);

/// <summary>One chunk's rows: their 1-based rows in the submitted file and their contract CSV.</summary>
public sealed record ChunkInput(int[] SourceRows, byte[] Input);

/// <summary>A row the contract check left out; <paramref name="Column"/> is null for a whole-row problem.</summary>
public sealed record RowError(int SourceRow, string? Column, string Problem);

/// <summary>A chunk this worker holds a lease on, until <see cref="LeaseUntil"/>.</summary>
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
    int ChunkCount, int ChunksDone, int ChunksLeased, long RowsScored, IReadOnlyList<string> ModelVersions)
{
    public bool IsComplete => ChunksDone == ChunkCount;

    public string State => IsComplete ? "completed" : ChunksDone > 0 || ChunksLeased > 0 ? "running" : "queued";
}

/// <summary>One scored patient of a job.</summary>
public sealed record JobPrediction(int SourceRow, string PatientId, double Probability, bool PredictedResistant, string ModelVersion);
