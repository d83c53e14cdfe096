using System.Text.Json;
using System.Text.Json.Serialization;

namespace Predictor.Worker.Http;

/// <summary>One feature's share of a patient's raw score (log-odds, TreeSHAP).</summary>
/// <param name="Value">The patient's value (null when missing; for a category, see <paramref name="Level"/>).</param>
internal sealed record ContributionInfo(string Feature, double? Value, string? Level, double Contribution);

/// <summary>One patient's prediction (<c>predictedResistant</c>: probability at or above the model's threshold, the name every output uses); <see cref="RawScore"/> and <see cref="Contributions"/> only when asked for.</summary>
internal sealed record PatientScore(int Index, string PatientId, double Probability, bool PredictedResistant)
{
    public double? RawScore { get; init; }

    public IReadOnlyList<ContributionInfo>? Contributions { get; init; }
}

/// <summary>One problem with one patient of a request (index is 0-based in the request).</summary>
internal sealed record PatientError(int Index, string Column, string Problem);

/// <summary>Answer to <c>POST /v1/score</c>; <see cref="ExpectedValue"/> (TreeSHAP's base) only with contributions.</summary>
internal sealed record ScoreResponse(string ModelVersion, double Threshold, IReadOnlyList<PatientScore> Results, IReadOnlyList<PatientError> Errors)
{
    public double? ExpectedValue { get; init; }
}

/// <summary>Answer to a request that cannot be scored at all.</summary>
internal sealed record ProblemResponse(string Error);

/// <summary>A model input as seen by callers.</summary>
internal sealed record FeatureInfo(string Name, string Kind, IReadOnlyList<string>? Levels);

/// <summary>The decision threshold on the calibrated probability and the rule that chose it.</summary>
internal sealed record ThresholdInfo(double Value, string Rule);

/// <summary>The training data's fingerprint (no patient data: size, positives, content hash).</summary>
internal sealed record DataInfo(long Rows, long Positives, string Sha256);

/// <summary>Answer to <c>GET /v1/model</c>.</summary>
/// <param name="LinearTerms">How many features the model's linear margin reads (0: the trees start from the base score alone).</param>
internal sealed record ModelResponse(
    string Version, string Checksum, int FormatVersion, string Path, long SizeBytes, DateTimeOffset LoadedAt,
    string? Label, ThresholdInfo Threshold, string Calibration, int Trees, int LinearTerms, IReadOnlyList<FeatureInfo> Features,
    IReadOnlyDictionary<string, double> Metrics, DataInfo? Data, string? Producer, DateTimeOffset? CreatedUtc);

/// <summary>System.Text.Json source generation for every DTO (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoreResponse))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(ModelResponse))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
