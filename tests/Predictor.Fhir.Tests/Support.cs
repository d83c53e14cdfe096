using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Json.Schema;
using Predictor.Fhir.Reading;
using Predictor.Fhir.Tests.Fixtures;

namespace Predictor.Fhir.Tests;

/// <summary>Validates JSON against the CDS Hooks schemas kept in the repository.</summary>
internal static class CdsSchemas
{
    // JsonSchema.Net registers a schema by its $id once per process: load each file once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Loaded = new(StringComparer.Ordinal);

    private static JsonSchema Load(string file) => Loaded.GetOrAdd(file, f => new Lazy<JsonSchema>(() => JsonSchema.FromFile(FixtureFiles.Schema(f)))).Value;

    public static void AssertValid(string schemaFile, string json)
    {
        var schema = Load(schemaFile);
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{schemaFile}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
    }

    public static bool IsValid(string schemaFile, string json)
    {
        var schema = Load(schemaFile);
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid;
    }
}

/// <summary>Builds CDS Hooks requests from fixture resources.</summary>
internal static class CdsRequests
{
    public static string PatientView(IReadOnlyDictionary<string, Resource?> prefetch, string patientId, string? fhirServer = null)
    {
        var request = new JsonObject
        {
            ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            ["hook"] = "patient-view",
            ["context"] = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = patientId },
        };
        if (fhirServer is not null) request["fhirServer"] = fhirServer;
        var fetched = new JsonObject();
        foreach (var (key, resource) in prefetch) fetched[key] = resource is null ? null : JsonNode.Parse(FhirResources.ToJson(resource));
        request["prefetch"] = fetched;
        return request.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
