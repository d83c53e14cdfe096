using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Predictor.Fhir.Reading;

/// <summary>A resource as it came in, with the bundle entry's fullUrl when it had one (references may use either).</summary>
public sealed record FhirEntry(Resource Resource, string? FullUrl);

/// <summary>
/// Reads FHIR R4 JSON with the Firely SDK: a Bundle (collection or searchset, as an EHR export or a search answers)
/// or FHIR Bulk Data ndjson (one resource per line). Nothing here knows about features.
/// </summary>
public static class FhirResources
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    /// <summary>Bundle types that carry resources to read (a transaction or history bundle is not a record of a patient).</summary>
    private static readonly Bundle.BundleType[] Accepted = [Bundle.BundleType.Collection, Bundle.BundleType.Searchset];

    /// <summary>One FHIR resource from JSON text.</summary>
    /// <exception cref="FhirInputException">The text is not a FHIR R4 resource.</exception>
    public static Resource ParseResource(string json, string where)
    {
        Resource resource;
        try
        {
            resource = Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException ex)
        {
            throw new FhirInputException($"{where} is not a valid FHIR R4 resource: {FirstProblems(ex)}", ex);
        }
        catch (JsonException ex)
        {
            throw new FhirInputException($"{where} is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }
        catch (FormatException ex)
        {
            throw new FhirInputException($"{where} is not a valid FHIR R4 resource: {ex.Message}", ex);
        }
        // The lenient mode keeps JSON without a known resourceType as a dynamic resource: that is not FHIR R4.
        if (resource is DynamicResource || !ModelInfo.IsKnownResource(resource.GetType()))
            throw new FhirInputException($"{where} is not a valid FHIR R4 resource: its resourceType is missing or not an R4 resource type.");
        return resource;
    }

    /// <summary>The entries of a collection or searchset Bundle.</summary>
    /// <exception cref="FhirInputException">Not FHIR, not a Bundle, or a Bundle of another type.</exception>
    public static IReadOnlyList<FhirEntry> ReadBundle(string json, string where = "The body")
    {
        var resource = ParseResource(json, where);
        return Entries(resource, where);
    }

    /// <summary>The entries of an already-parsed Bundle.</summary>
    public static IReadOnlyList<FhirEntry> Entries(Resource resource, string where)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource is not Bundle bundle)
            throw new FhirInputException($"{where} is a FHIR {resource.TypeName}; expected a Bundle (type collection or searchset).");
        if (bundle.Type is not { } type || !Accepted.Contains(type))
            throw new FhirInputException($"{where} is a Bundle of type '{bundle.Type?.ToString() ?? "(none)"}'; expected type collection or searchset.");
        var entries = new List<FhirEntry>(bundle.Entry.Count);
        for (int i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            // A searchset may carry an OperationOutcome with search warnings: it is not patient data.
            if (entry.Resource is null || entry.Resource is OperationOutcome) continue;
            entries.Add(new FhirEntry(entry.Resource, entry.FullUrl));
        }
        return entries;
    }

    /// <summary>FHIR Bulk Data ndjson: one resource per line (blank lines skipped); line numbers start at 1.</summary>
    /// <exception cref="FhirInputException">A line is not a FHIR resource (the line number is given).</exception>
    public static IReadOnlyList<FhirEntry> ReadNdjson(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<FhirEntry>();
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var resource = ParseResource(text, $"{source} line {line}");
            if (resource is Bundle bundle) entries.AddRange(Entries(bundle, $"{source} line {line}"));
            else entries.Add(new FhirEntry(resource, null));
        }
        return entries;
    }

    /// <summary>Serializes a resource as FHIR JSON (used by the test bundle generator and round-trips).</summary>
    public static string ToJson(Resource resource, bool pretty = false) => resource.ToJson(pretty);

    private static string FirstProblems(DeserializationFailedException ex)
    {
        var text = new StringBuilder();
        foreach (var problem in ex.Exceptions.Take(3))
        {
            if (text.Length > 0) text.Append("; ");
            text.Append(problem.Message);
        }
        int more = ex.Exceptions.Count() - 3;
        if (more > 0) text.Append(System.Globalization.CultureInfo.InvariantCulture, $" (and {more} more)");
        return text.Length > 0 ? text.ToString() : ex.Message;
    }
}
