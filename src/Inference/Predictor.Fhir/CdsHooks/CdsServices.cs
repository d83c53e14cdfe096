using Predictor.Fhir.Mapping;

namespace Predictor.Fhir.CdsHooks;

/// <summary>
/// The two CDS services: <c>patient-view</c> (a chart is opened) and <c>order-select</c> (a clinician picks
/// sorafenib or lenvatinib in an order). Both ask the EHR to prefetch the patient, the observations the mapping reads
/// (by code), the conditions and the medication requests, so the service never has to call the FHIR server itself.
/// </summary>
public static class CdsServices
{
    public const string PatientView = "hcc-resistance-patient-view";
    public const string OrderSelect = "hcc-resistance-order-select";

    /// <summary>The hook each service answers.</summary>
    public static string? HookOf(string serviceId) => serviceId switch
    {
        PatientView => "patient-view",
        OrderSelect => "order-select",
        _ => null,
    };

    /// <summary>The prefetch keys and their FHIR query templates, built from the mapping's codes.</summary>
    public static IReadOnlyDictionary<string, string> Prefetch(FhirMappingOptions mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var codes = string.Join(",", mapping.Observations.SelectMany(o => o.Codes).Select(c => $"{c.System}|{c.Code}").Distinct(StringComparer.Ordinal));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["patient"] = "Patient/{{context.patientId}}",
            ["observations"] = "Observation?patient={{context.patientId}}&code=" + codes,
            ["conditions"] = "Condition?patient={{context.patientId}}",
            ["medications"] = "MedicationRequest?patient={{context.patientId}}",
        };
    }

    public static CdsDiscovery Discovery(FhirMappingOptions mapping)
    {
        var prefetch = Prefetch(mapping);
        const string usage = "Research software on simulated cohorts; not a medical device. The service makes no calls to the FHIR server: grant the prefetch.";
        return new CdsDiscovery(
        [
            new CdsServiceDescription("patient-view", "HCC six-month resistance to sorafenib/lenvatinib",
                "When an HCC patient's chart is opened: the predicted probability of radiological progression or treatment failure within six months of first-line sorafenib or lenvatinib, what drives it, and what is not measured.",
                PatientView, prefetch) { UsageRequirements = usage },
            new CdsServiceDescription("order-select", "HCC resistance risk for the drug being ordered",
                "When sorafenib or lenvatinib is selected in an order: the predicted six-month resistance probability under that drug (other orders get no card).",
                OrderSelect, prefetch) { UsageRequirements = usage },
        ]);
    }
}
