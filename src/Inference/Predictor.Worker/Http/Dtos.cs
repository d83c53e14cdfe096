using System.Text.Json;
using System.Text.Json.Serialization;

namespace Predictor.Worker.Http;

/// <summary>One patient's prediction.</summary>
internal sealed record PatientScore(int Index, string PatientId, double Probability, bool Resistant);

/// <summary>One problem with one patient of a request (index is 0-based in the request).</summary>
internal sealed record PatientError(int Index, string Column, string Problem);

/// <summary>Answer to <c>POST /v1/score</c>.</summary>
internal sealed record ScoreResponse(string ModelVersion, double Threshold, IReadOnlyList<PatientScore> Results, IReadOnlyList<PatientError> Errors);

/// <summary>Answer to a request that cannot be scored at all.</summary>
internal sealed record ProblemResponse(string Error);

/// <summary>A model input as seen by callers.</summary>
internal sealed record FeatureInfo(string Name, string Kind, IReadOnlyList<string>? Levels);

/// <summary>Answer to <c>GET /v1/model</c>.</summary>
internal sealed record ModelResponse(
    string Version, string Checksum, string ChecksumAlgorithm, int FormatVersion, string Path, long SizeBytes,
    DateTimeOffset LoadedAt, double Threshold, int Trees, IReadOnlyList<FeatureInfo> Features, IReadOnlyDictionary<string, double>? Metrics);

/// <summary>System.Text.Json source generation for every DTO (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoreResponse))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(ModelResponse))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
