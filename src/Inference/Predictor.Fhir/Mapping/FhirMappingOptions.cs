using System.Text.Json;
using System.Text.Json.Serialization;

namespace Predictor.Fhir.Mapping;

/// <summary>
/// Which FHIR resources feed which contract feature, and in which units. Read from a JSON file
/// (<see cref="Load"/>); the defaults ship as <c>Mapping/fhir-mapping.json</c> inside this assembly. Codes a site
/// uses locally (IHC H-scores, miRNAs) live here rather than in code, so a site changes a file, not the program.
/// </summary>
public sealed record FhirMappingOptions
{
    /// <summary>Observations read as numbers, booleans or integers, by code.</summary>
    public IReadOnlyList<ObservationFeature> Observations { get; init; } = [];

    /// <summary>Conditions whose code sets a categorical feature (etiology).</summary>
    public IReadOnlyList<ConditionFeature> Conditions { get; init; } = [];

    /// <summary>Condition.stage summaries that set an ordered category (BCLC stage, Child-Pugh class).</summary>
    public IReadOnlyList<StageFeature> Stages { get; init; } = [];

    /// <summary>MedicationRequest codes that set the treatment (sorafenib, lenvatinib).</summary>
    public MedicationFeature? Treatment { get; init; }

    /// <summary>Display names for features (plain words on CDS cards), e.g. "p_akt_hscore": "p-AKT H-score".</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The mapping shipped with the predictor.</summary>
    public static FhirMappingOptions Default { get; } = LoadDefault();

    /// <summary>Reads a mapping file (same shape as the shipped default).</summary>
    /// <exception cref="FhirMappingException">The file cannot be read or is not a valid mapping.</exception>
    public static FhirMappingOptions Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, path);
        }
        catch (IOException ex)
        {
            throw new FhirMappingException($"FHIR mapping file {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FhirMappingException($"FHIR mapping file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a mapping from JSON; <paramref name="source"/> names it in errors.</summary>
    public static FhirMappingOptions Parse(Stream json, string source)
    {
        FhirMappingOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<FhirMappingOptions>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new FhirMappingException($"FHIR mapping {source}: {ex.Message}", ex);
        }
        if (options is null) throw new FhirMappingException($"FHIR mapping {source} is empty.");
        options.Check(source);
        return options;
    }

    /// <summary>Every feature the mapping can fill, Patient ones included.</summary>
    public IEnumerable<string> Features =>
        new[] { FeatureNames.Age, FeatureNames.Sex }
            .Concat(Observations.Select(o => o.Feature))
            .Concat(Conditions.Select(c => c.Feature))
            .Concat(Stages.Select(s => s.Feature))
            .Concat(Treatment is null ? [] : [Treatment.Feature])
            .Distinct(StringComparer.Ordinal);

    /// <summary>The display name of a feature (its column name when none is configured).</summary>
    public string LabelOf(string feature) => Labels.TryGetValue(feature, out var label) ? label : feature;

    private void Check(string source)
    {
        foreach (var o in Observations)
        {
            if (string.IsNullOrWhiteSpace(o.Feature)) throw new FhirMappingException($"FHIR mapping {source}: an observation entry has no feature.");
            if (o.Codes.Count == 0) throw new FhirMappingException($"FHIR mapping {source}: observation feature '{o.Feature}' lists no codes.");
            if (o.Value == ObservationValueKind.Quantity && o.Units.Count == 0)
                throw new FhirMappingException($"FHIR mapping {source}: quantity feature '{o.Feature}' lists no units (UCUM code -> factor).");
            foreach (var (unit, factor) in o.Units)
            {
                if (!double.IsFinite(factor) || factor <= 0)
                    throw new FhirMappingException($"FHIR mapping {source}: feature '{o.Feature}', unit '{unit}': the factor must be a positive number.");
            }
        }
        foreach (var s in Stages)
        {
            if (s.Levels.Count == 0) throw new FhirMappingException($"FHIR mapping {source}: stage feature '{s.Feature}' lists no levels.");
            foreach (var code in s.Summary)
            {
                if (!s.Levels.Contains(code.Level, StringComparer.Ordinal))
                    throw new FhirMappingException($"FHIR mapping {source}: stage feature '{s.Feature}' maps a code to '{code.Level}', not one of its levels.");
            }
        }
    }

    private static FhirMappingOptions LoadDefault()
    {
        using var stream = typeof(FhirMappingOptions).Assembly.GetManifestResourceStream("Predictor.Fhir.fhir-mapping.json")
            ?? throw new InvalidOperationException("The shipped FHIR mapping is not embedded in Predictor.Fhir.");
        return Parse(stream, "(shipped default)");
    }
}

/// <summary>A code in a code system (FHIR Coding system + code).</summary>
public sealed record CodeRef(string System, string Code)
{
    /// <summary>Whether <paramref name="coding"/> is this code (system and code compared exactly).</summary>
    public bool Matches(Hl7.Fhir.Model.Coding coding) =>
        coding is not null && string.Equals(coding.System, System, StringComparison.Ordinal) && string.Equals(coding.Code, Code, StringComparison.Ordinal);

    public override string ToString() => $"{System}|{Code}";
}

/// <summary>How an observation carries its value.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObservationValueKind>))]
public enum ObservationValueKind
{
    /// <summary>valueQuantity with a UCUM unit from <see cref="ObservationFeature.Units"/> (valueInteger also accepted when the feature allows a unitless count).</summary>
    Quantity,

    /// <summary>valueInteger, or a valueQuantity whose unit is listed.</summary>
    Integer,

    /// <summary>valueBoolean, or a valueCodeableConcept listed in <see cref="ObservationFeature.Answers"/>.</summary>
    Boolean,
}

/// <summary>A contract feature read from Observations with any of <see cref="Codes"/>.</summary>
public sealed record ObservationFeature
{
    public required string Feature { get; init; }

    public required IReadOnlyList<CodeRef> Codes { get; init; }

    public ObservationValueKind Value { get; init; } = ObservationValueKind.Quantity;

    /// <summary>UCUM code -> factor to the contract's unit (value in contract unit = value × factor).</summary>
    public IReadOnlyDictionary<string, double> Units { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>For boolean features: coded answers (system|code) -> true/false.</summary>
    public IReadOnlyList<CodedAnswer> Answers { get; init; } = [];

    /// <summary>Why the units and factors are what they are (kept in the file, shown in docs).</summary>
    public string? Note { get; init; }
}

/// <summary>A coded answer of a boolean observation.</summary>
public sealed record CodedAnswer(string System, string Code, bool Value);

/// <summary>A category level set by Conditions with any of <see cref="Codes"/> (codes ending in '*' match by prefix).</summary>
public sealed record ConditionFeature
{
    public required string Feature { get; init; }

    public required string Level { get; init; }

    public required IReadOnlyList<CodeRef> Codes { get; init; }

    /// <summary>Whether <paramref name="coding"/> matches one of the codes ("K70*" matches K70.3).</summary>
    public bool Matches(Hl7.Fhir.Model.Coding coding) => Codes.Any(c =>
        string.Equals(coding.System, c.System, StringComparison.Ordinal) && coding.Code is { } code &&
        (c.Code.EndsWith('*') ? code.StartsWith(c.Code[..^1], StringComparison.Ordinal) : string.Equals(code, c.Code, StringComparison.Ordinal)));
}

/// <summary>An ordered category read from Condition.stage.summary.</summary>
public sealed record StageFeature
{
    public required string Feature { get; init; }

    /// <summary>The levels in order (the model reads an ordered category as its position here).</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    /// <summary>Stage summary codes and the level each one means.</summary>
    public required IReadOnlyList<StageCode> Summary { get; init; }
}

/// <summary>A stage summary code and its level.</summary>
public sealed record StageCode(string System, string Code, string Level);

/// <summary>The treatment feature from MedicationRequest (medication code -> level).</summary>
public sealed record MedicationFeature
{
    public required string Feature { get; init; }

    public required IReadOnlyList<MedicationCode> Codes { get; init; }
}

/// <summary>A medication code and the treatment level it means.</summary>
public sealed record MedicationCode(string System, string Code, string Level);

/// <summary>The contract's column names the mapper fills from Patient.</summary>
public static class FeatureNames
{
    public const string Age = "age_years";
    public const string Sex = "sex";
}

/// <summary>A mapping file that cannot be used.</summary>
public sealed class FhirMappingException : Exception
{
    public FhirMappingException() { }

    public FhirMappingException(string message) : base(message) { }

    public FhirMappingException(string message, Exception innerException) : base(message, innerException) { }
}
