using System.Text.Json;
using System.Text.Json.Serialization;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>Body of <c>POST /v1/jobs</c> (JSON form): a cohort file every worker can read.</summary>
internal sealed record JobPathRequest(string? Path);

/// <summary>
/// Answer to <c>POST /v1/jobs</c>, <c>GET /v1/jobs/{id}</c> and <c>POST /v1/jobs/{id}/cancel</c>. <c>State</c> is
/// one of <see cref="Predictor.Worker.PostgreSql.Jobs.JobStates"/>; while it is 'submitting', <c>TotalRows</c>,
/// <c>RejectedRows</c> and <c>Chunks</c> count what has been stored so far. <c>SubmitError</c> says why a submit failed.
/// </summary>
internal sealed record JobResponse(
    Guid JobId, string State, string Source, string SubmittedBy, DateTimeOffset SubmittedAt, int TotalRows, int RejectedRows,
    int Chunks, int ChunksDone, long RowsScored, IReadOnlyList<string> ModelVersions, string ResultsUrl,
    int ChunksFailed, long RowsFailed, IReadOnlyList<FailedChunkResponse> FailedChunks, int ChunksCancelled,
    DateTimeOffset? CancelledAt, string? CancelledBy, string ErrorsUrl, string? SubmitError);

/// <summary>A chunk given up after its attempts: which rows of the file were not scored, and why.</summary>
internal sealed record FailedChunkResponse(int Chunk, int Rows, int FirstRow, int LastRow, int Attempts, string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobPathRequest))]
[JsonSerializable(typeof(JobResponse))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
