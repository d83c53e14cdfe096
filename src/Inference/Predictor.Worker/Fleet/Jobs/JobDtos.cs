using System.Text.Json;
using System.Text.Json.Serialization;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>Body of <c>POST /v1/jobs</c> (JSON form): a cohort file every worker can read.</summary>
internal sealed record JobPathRequest(string? Path);

/// <summary>Answer to <c>POST /v1/jobs</c> and <c>GET /v1/jobs/{id}</c>.</summary>
internal sealed record JobResponse(
    Guid JobId, string State, string Source, string SubmittedBy, DateTimeOffset SubmittedAt, int TotalRows, int RejectedRows,
    int Chunks, int ChunksDone, long RowsScored, IReadOnlyList<string> ModelVersions, string ResultsUrl);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobPathRequest))]
[JsonSerializable(typeof(JobResponse))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
