using System.Text.Json;
using Hl7.Fhir.Model;
using Predictor.Fhir.Reading;

namespace Predictor.Fhir.CdsHooks;

/// <summary>A CDS Hooks request that breaks the specification or this service's needs (answered 400).</summary>
public sealed class CdsRequestException : Exception
{
    public CdsRequestException() { }

    public CdsRequestException(string message) : base(message) { }

    public CdsRequestException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A CDS Hooks 2.0 call as this service reads it: the hook envelope checked against the specification (hook,
/// hookInstance, context.userId, context.patientId; for order-select also selections and draftOrders) and every
/// prefetched resource parsed with the Firely SDK.
/// </summary>
/// <param name="NotPrefetched">Prefetch keys the EHR did not fill (absent or null): the answer says it scored without them.</param>
/// <param name="SelectedOrders">order-select: the selected draft MedicationRequests.</param>
public sealed record CdsRequest(
    string ServiceId, string Hook, string HookInstance, string PatientId, string? FhirServer,
    IReadOnlyList<FhirEntry> Entries, IReadOnlyList<string> NotPrefetched, IReadOnlyList<MedicationRequest> SelectedOrders)
{
    /// <summary>Reads and checks a request for <paramref name="serviceId"/> (whose hook is <paramref name="hook"/>).</summary>
    /// <exception cref="CdsRequestException">The request is not a valid call of this service.</exception>
    public static CdsRequest Parse(ReadOnlyMemory<byte> body, string serviceId, string hook, IEnumerable<string> prefetchKeys)
    {
        ArgumentNullException.ThrowIfNull(prefetchKeys);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new CdsRequestException($"The body is not valid JSON (line {ex.LineNumber + 1}); send a CDS Hooks request object.", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new CdsRequestException("The body must be a CDS Hooks request object.");
            string sentHook = RequiredString(root, "hook", "");
            if (!string.Equals(sentHook, hook, StringComparison.Ordinal))
                throw new CdsRequestException($"Service '{serviceId}' answers the '{hook}' hook; the request is for '{sentHook}'.");
            string instance = RequiredString(root, "hookInstance", "");
            string? fhirServer = OptionalString(root, "fhirServer");
            if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
                throw new CdsRequestException("'context' is required and must be an object.");
            RequiredString(context, "userId", "context.");
            string patientId = RequiredString(context, "patientId", "context.");

            var entries = new List<FhirEntry>();
            var notPrefetched = new List<string>();
            root.TryGetProperty("prefetch", out var prefetch);
            if (prefetch.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
                throw new CdsRequestException("'prefetch' must be an object keyed by the service's prefetch keys.");
            foreach (var key in prefetchKeys)
            {
                if (prefetch.ValueKind != JsonValueKind.Object || !prefetch.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    notPrefetched.Add(key);
                    continue;
                }
                string where = $"prefetch.{key}";
                if (value.ValueKind != JsonValueKind.Object) throw new CdsRequestException($"{where} must be a FHIR resource (a JSON object) or null.");
                Resource resource;
                try
                {
                    resource = FhirResources.ParseResource(value.GetRawText(), where);
                }
                catch (FhirInputException ex)
                {
                    throw new CdsRequestException(ex.Message, ex);
                }
                if (key == "patient")
                {
                    if (resource is not Patient patient)
                        throw new CdsRequestException($"{where} is a FHIR {resource.TypeName}; expected the Patient.");
                    if (!string.Equals(patient.Id, patientId, StringComparison.Ordinal))
                        throw new CdsRequestException($"{where} is not the patient in context.patientId.");
                    entries.Add(new FhirEntry(patient, null));
                }
                else
                {
                    entries.AddRange(BundleEntries(resource, where));
                }
            }

            var selected = hook == "order-select" ? ReadSelectedOrders(context) : [];
            return new CdsRequest(serviceId, sentHook, instance, patientId, fhirServer, entries, notPrefetched, selected);
        }
    }

    private static List<MedicationRequest> ReadSelectedOrders(JsonElement context)
    {
        if (!context.TryGetProperty("selections", out var selections) || selections.ValueKind != JsonValueKind.Array)
            throw new CdsRequestException("order-select needs context.selections (an array of 'Type/id' references).");
        if (!context.TryGetProperty("draftOrders", out var drafts) || drafts.ValueKind != JsonValueKind.Object)
            throw new CdsRequestException("order-select needs context.draftOrders (a FHIR Bundle).");
        Resource bundle;
        try
        {
            bundle = FhirResources.ParseResource(drafts.GetRawText(), "context.draftOrders");
        }
        catch (FhirInputException ex)
        {
            throw new CdsRequestException(ex.Message, ex);
        }
        if (bundle is not Bundle orders) throw new CdsRequestException($"context.draftOrders is a FHIR {bundle.TypeName}; expected a Bundle.");
        var chosen = new List<MedicationRequest>();
        foreach (var selection in selections.EnumerateArray())
        {
            if (selection.ValueKind != JsonValueKind.String) throw new CdsRequestException("context.selections must hold strings ('Type/id').");
            string reference = selection.GetString()!;
            var match = orders.Entry.Select(e => e.Resource).FirstOrDefault(r => r is not null && string.Equals(r.TypeName + "/" + r.Id, reference, StringComparison.Ordinal));
            if (match is null) throw new CdsRequestException($"context.selections names '{reference}', which is not in context.draftOrders.");
            if (match is MedicationRequest request) chosen.Add(request);
        }
        return chosen;
    }

    private static IEnumerable<FhirEntry> BundleEntries(Resource resource, string where)
    {
        try
        {
            return FhirResources.Entries(resource, where);
        }
        catch (FhirInputException ex)
        {
            throw new CdsRequestException(ex.Message, ex);
        }
    }

    private static string RequiredString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw new CdsRequestException($"'{path}{name}' is required and must be a non-empty string.");
        return value.GetString()!;
    }

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new CdsRequestException($"'{name}' must be a string (a URL).");
    }
}
