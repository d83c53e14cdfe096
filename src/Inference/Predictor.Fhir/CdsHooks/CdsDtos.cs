using System.Text.Json;
using System.Text.Json.Serialization;

namespace Predictor.Fhir.CdsHooks;

// The CDS Hooks 2.0 JSON this service writes (https://cds-hooks.hl7.org/2.0/). Field names follow the specification.

/// <summary>Answer to <c>GET /cds-services</c>.</summary>
public sealed record CdsDiscovery(IReadOnlyList<CdsServiceDescription> Services);

/// <summary>One service: the hook it answers, and the FHIR queries the EHR should run first (prefetch templates).</summary>
public sealed record CdsServiceDescription(string Hook, string Title, string Description, string Id, IReadOnlyDictionary<string, string> Prefetch)
{
    public string? UsageRequirements { get; init; }
}

/// <summary>Answer to <c>POST /cds-services/{id}</c>.</summary>
public sealed record CdsResponse(IReadOnlyList<CdsCard> Cards);

/// <summary>A card the EHR shows the clinician.</summary>
public sealed record CdsCard(string Uuid, string Summary, string Indicator, CdsSource Source)
{
    public string? Detail { get; init; }

    public IReadOnlyList<CdsLink>? Links { get; init; }

    /// <summary>The exact numbers behind the card, for systems that record them (CDS Hooks allows an extension object on a card).</summary>
    public CdsCardExtension? Extension { get; init; }
}

/// <summary>The card's numbers, under names prefixed with this service's namespace as the specification asks of extensions.</summary>
public sealed record CdsCardExtension(
    [property: JsonPropertyName("hcc-predictor.probability")] double Probability,
    [property: JsonPropertyName("hcc-predictor.threshold")] double Threshold,
    [property: JsonPropertyName("hcc-predictor.modelVersion")] string ModelVersion,
    [property: JsonPropertyName("hcc-predictor.indexDate")] string IndexDate);

/// <summary>Who produced a card (label, and where to read about it).</summary>
public sealed record CdsSource(string Label)
{
    public string? Url { get; init; }

    public CdsCoding? Topic { get; init; }
}

/// <summary>A coding (CDS Hooks' own minimal shape of a FHIR Coding).</summary>
public sealed record CdsCoding(string System, string Code, string Display);

/// <summary>A link on a card: <c>absolute</c> opens a web page.</summary>
public sealed record CdsLink(string Label, string Url, string Type);

/// <summary>
/// The error answer of the CDS and FHIR endpoints. CDS Hooks 2.0 defines the HTTP status codes, not an error
/// body; this service always sends this shape with a 4xx: one sentence, and per-feature problems when there are some.
/// </summary>
public sealed record CdsError(string Error)
{
    public IReadOnlyList<CdsProblem>? Problems { get; init; }
}

/// <summary>One feature that could not be read, and from which resource.</summary>
public sealed record CdsProblem(string Feature, string Resource, string Problem);

/// <summary>Source-generated serialization of the CDS Hooks DTOs (camelCase, nulls left out, as the specification writes them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CdsDiscovery))]
[JsonSerializable(typeof(CdsResponse))]
[JsonSerializable(typeof(CdsError))]
public sealed partial class CdsJsonContext : JsonSerializerContext;
