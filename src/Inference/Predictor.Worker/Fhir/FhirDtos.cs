using System.Text.Json;
using System.Text.Json.Serialization;
using Predictor.Fhir.Mapping;

namespace Predictor.Worker.Fhir;

/// <summary>A feature's value as scored and where it came from.</summary>
internal sealed record FhirFeatureValue(string Value, string Resource, string? Date, string Detail);

/// <summary>One TreeSHAP contribution (log-odds) with the patient's value as read from FHIR (null when missing).</summary>
internal sealed record FhirContribution(string Feature, string? Value, double Contribution);

/// <summary>One scored patient of <c>POST /v1/score/fhir</c>: as <c>/v1/score</c>, plus the provenance of every feature and what was missing.</summary>
internal sealed record FhirPatientScore(
    int Index, string PatientId, double Probability, bool Resistant,
    IReadOnlyDictionary<string, FhirFeatureValue> Features, IReadOnlyList<MissingFeature> Missing)
{
    public double? RawScore { get; init; }

    public IReadOnlyList<FhirContribution>? Contributions { get; init; }
}

/// <summary>A problem that kept a patient from being scored (index is the patient's 0-based position in the bundle).</summary>
internal sealed record FhirPatientError(int Index, string PatientId, string Feature, string? Resource, string Problem);

/// <summary>Answer to <c>POST /v1/score/fhir</c>.</summary>
internal sealed record FhirScoreResponse(
    string ModelVersion, double Threshold, string IndexDate, IReadOnlyList<FhirPatientScore> Results, IReadOnlyList<FhirPatientError> Errors)
{
    public double? ExpectedValue { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FhirScoreResponse))]
internal sealed partial class FhirJsonContext : JsonSerializerContext;
