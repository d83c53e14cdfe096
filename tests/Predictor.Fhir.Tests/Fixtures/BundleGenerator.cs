using System.Globalization;
using Hl7.Fhir.Model;
using Predictor.Fhir.Reading;

namespace Predictor.Fhir.Tests.Fixtures;

/// <summary>
/// Builds the FHIR fixtures kept in <c>tests/Predictor.Fhir.Tests/Fixtures/</c> with the Firely SDK: an EHR-like
/// export of three patients (many observations on several dates, codes the mapping does not read, a cancelled
/// result, a result after the index date, units to convert, a medication by reference, and a patient with almost
/// nothing) as a collection Bundle and as Bulk Data ndjson. Deterministic: a test checks the committed files equal
/// what this writes; set PREDICTOR_REGENERATE_FHIR=1 to rewrite them.
/// </summary>
internal static class BundleGenerator
{
    public const string Loinc = "http://loinc.org";
    public const string Local = "https://hcc-predictor.example.invalid/fhir/CodeSystem/hcc-markers";
    public const string Bclc = "https://hcc-predictor.example.invalid/fhir/CodeSystem/bclc-stage";
    public const string ChildPugh = "https://hcc-predictor.example.invalid/fhir/CodeSystem/child-pugh-class";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>The index date the fixtures are meant to be scored at.</summary>
    public static readonly DateTimeOffset IndexDate = new(2026, 2, 1, 23, 59, 59, TimeSpan.Zero);

    public static Bundle EhrExport()
    {
        var resources = new List<(Resource Resource, string? FullUrl)>();
        FullPatient(resources);
        SparsePatient(resources);
        LenvatinibPatient(resources);
        var bundle = new Bundle { Id = "ehr-export-2026-02", Type = Bundle.BundleType.Collection, Timestamp = new DateTimeOffset(2026, 2, 2, 6, 0, 0, TimeSpan.Zero) };
        foreach (var (resource, fullUrl) in resources)
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl ?? $"https://ehr.example.invalid/fhir/{resource.TypeName}/{resource.Id}", Resource = resource });
        return bundle;
    }

    /// <summary>The same resources as Bulk Data writes them: one resource per line, references as Type/id (there are no fullUrls to resolve urn:uuid against).</summary>
    public static string Ndjson(Bundle bundle)
    {
        var urns = bundle.Entry.Where(e => e.FullUrl?.StartsWith("urn:uuid:", StringComparison.Ordinal) == true)
            .ToDictionary(e => "\"" + e.FullUrl + "\"", e => $"\"{e.Resource!.TypeName}/{e.Resource.Id}\"");
        return string.Concat(bundle.Entry.Select(e => urns.Aggregate(FhirResources.ToJson(e.Resource!), (json, u) => json.Replace(u.Key, u.Value, StringComparison.Ordinal)) + "\n"));
    }

    /// <summary>A patient-view request for <paramref name="patientId"/> with the four prefetch keys filled from the export.</summary>
    public static Dictionary<string, Resource?> Prefetch(Bundle export, string patientId)
    {
        var own = export.Entry.Where(e => Subject(e.Resource!) is { } s && (s == "Patient/" + patientId || s == e.FullUrl || IsFullUrlOf(export, s, patientId))).Select(e => e.Resource).ToList();
        var patient = export.Entry.Select(e => e.Resource).OfType<Patient>().Single(p => p.Id == patientId);
        return new Dictionary<string, Resource?>(StringComparer.Ordinal)
        {
            ["patient"] = patient,
            ["observations"] = Searchset(own.OfType<Observation>()),
            ["conditions"] = Searchset(own.OfType<Condition>()),
            ["medications"] = Searchset(own.OfType<MedicationRequest>()),
        };
    }

    private static bool IsFullUrlOf(Bundle export, string reference, string patientId) =>
        export.Entry.Any(e => e.Resource is Patient p && p.Id == patientId && e.FullUrl == reference);

    private static Bundle Searchset(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        foreach (var r in resources) bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"https://ehr.example.invalid/fhir/{r.TypeName}/{r.Id}", Resource = r, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        bundle.Total = bundle.Entry.Count;
        return bundle;
    }

    private static string? Subject(Resource resource) => resource switch
    {
        Observation o => o.Subject?.Reference,
        Condition c => c.Subject?.Reference,
        MedicationRequest m => m.Subject?.Reference,
        _ => null,
    };

    private static void FullPatient(List<(Resource, string?)> r)
    {
        const string p = "Patient/hcc-001";
        r.Add((new Patient
        {
            Id = "hcc-001",
            Identifier = [new Identifier("https://ehr.example.invalid/mrn", "MRN-0001")],
            Gender = AdministrativeGender.Male,
            BirthDate = "1958-05-20",
            Name = [new HumanName { Family = "Example", Given = ["Simulated"] }],
        }, null));
        r.Add((new Encounter { Id = "enc-1", Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"), Subject = new ResourceReference(p) }, null));
        // AFP three times: mass units, then international units (the latest before the index date), then after it.
        r.Add((Quantity("afp-1", p, Loinc, "1834-1", "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma", 820m, "ug/L", "2025-11-03T09:10:00Z"), null));
        r.Add((Quantity("afp-2", p, Loinc, "19176-2", "Alpha-1-Fetoprotein [Units/volume] in Serum or Plasma", 1000m, "[IU]/mL", "2026-01-20T08:30:00Z"), null));
        r.Add((Quantity("afp-3", p, Loinc, "1834-1", "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma", 5000m, "ng/mL", "2026-03-02T08:00:00Z"), null));
        var cancelled = Quantity("afp-x", p, Loinc, "1834-1", "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma", 9m, "ng/mL", "2026-01-28T08:00:00Z");
        cancelled.Status = ObservationStatus.Cancelled;
        r.Add((cancelled, null));
        r.Add((Quantity("size-1", p, Loinc, "21889-1", "Size Tumor", 38m, "mm", "2025-12-10T14:00:00Z"), null));
        r.Add((Quantity("size-2", p, Loinc, "21889-1", "Size Tumor", 52m, "mm", "2026-01-25T14:00:00Z"), null));
        r.Add((Integer("ecog-1", p, Loinc, "89247-1", "ECOG Performance Status score", 1, "2026-01-25T10:00:00Z"), null));
        r.Add((Integer("count-1", p, Local, "tumor-count", "Number of HCC nodules", 3, "2026-01-25T14:00:00Z"), null));
        r.Add((Coded("mvi-1", p, Local, "microvascular-invasion", "Microvascular invasion", Snomed, "373066001", "Yes", "2025-12-15T12:00:00Z"), null));
        var markers = new (string Code, decimal Value)[] { ("pi3k-hscore", 180), ("p-akt-hscore", 240), ("p-mtor-hscore", 150), ("pten-hscore", 40), ("mdr1-hscore", 120), ("bcl2-hscore", 90) };
        foreach (var (code, value) in markers)
            r.Add((Quantity("ihc-" + code, p, Local, code, code + " (IHC H-score)", value, "{H-score}", "2025-12-15T12:00:00Z"), null));
        var mirnas = new (string Code, decimal Value)[] { ("mir-21", 2.4m), ("mir-155", 1.1m), ("mir-205-5p", -0.6m), ("mir-144-3p", -1.8m) };
        foreach (var (code, value) in mirnas)
            r.Add((Quantity("mirna-" + code, p, Local, code, code + " log2 expression", value, "{log2ratio}", "2025-12-16T12:00:00Z"), null));
        // Codes the mapping does not read: a real export is mostly these.
        r.Add((Quantity("hb-1", p, Loinc, "718-7", "Hemoglobin [Mass/volume] in Blood", 12.1m, "g/dL", "2026-01-20T08:30:00Z"), null));
        r.Add((Quantity("bili-1", p, Loinc, "1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", 1.9m, "mg/dL", "2026-01-20T08:30:00Z"), null));
        r.Add((Quantity("alb-1", p, Loinc, "1751-7", "Albumin [Mass/volume] in Serum or Plasma", 3.1m, "g/dL", "2026-01-20T08:30:00Z"), null));
        r.Add((Quantity("inr-1", p, Loinc, "6301-6", "INR in Platelet poor plasma by Coagulation assay", 1.3m, "{INR}", "2026-01-20T08:30:00Z"), null));
        r.Add((Quantity("wt-1", p, Loinc, "29463-7", "Body weight", 71.5m, "kg", "2026-01-25T10:00:00Z"), null));
        r.Add((Staged("hcc-dx-1", p, "2025-06-02", Bclc, "B", ChildPugh, "A"), null));
        r.Add((Staged("hcc-dx-2", p, "2026-01-26", Bclc, "C", ChildPugh, "B"), null));
        r.Add((Diagnosis("hbv-1", p, Icd10, "B18.1", "Chronic viral hepatitis B without delta-agent", "2019-04-11"), null));
        r.Add((Diagnosis("htn-1", p, Icd10, "I10", "Essential (primary) hypertension", "2015-02-01"), null));
        r.Add((Order("rx-sora-1", p, new CodeableConcept(RxNorm, "495881", "sorafenib"), "2026-01-27", MedicationRequest.MedicationrequestStatus.Active), null));
        r.Add((Order("rx-met-1", p, new CodeableConcept(RxNorm, "6809", "metformin"), "2020-03-01", MedicationRequest.MedicationrequestStatus.Active), null));
    }

    private static void SparsePatient(List<(Resource, string?)> r)
    {
        r.Add((new Patient { Id = "hcc-002", Gender = AdministrativeGender.Female, BirthDate = "1949-11-02" }, null));
        r.Add((Quantity("hb-2", "Patient/hcc-002", Loinc, "718-7", "Hemoglobin [Mass/volume] in Blood", 10.4m, "g/dL", "2026-01-11T08:30:00Z"), null));
    }

    private static void LenvatinibPatient(List<(Resource, string?)> r)
    {
        // This system refers by urn:uuid, as transaction-style exports do.
        const string patientUrl = "urn:uuid:5f1c0b7e-3d4a-4b8e-9a57-0c7e5b2f9d31";
        const string medicationUrl = "urn:uuid:0d9e4c5a-8f3b-4e21-b6a7-2c1f9e8d7a60";
        r.Add((new Patient { Id = "hcc-003", Gender = AdministrativeGender.Female, BirthDate = "1966-08-14" }, patientUrl));
        r.Add((Quantity("afp-31", patientUrl, Loinc, "1834-1", "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma", 35.5m, "ng/mL", "2026-01-05T08:00:00Z"), null));
        r.Add((Quantity("size-31", patientUrl, Loinc, "33728-7", "Size.maximum dimension in Tumor", 4.2m, "cm", "2026-01-06T08:00:00Z"), null));
        r.Add((Integer("ecog-31", patientUrl, Loinc, "89247-1", "ECOG Performance Status score", 0, "2026-01-06T08:00:00Z"), null));
        var mvi = new Observation
        {
            Id = "mvi-31", Status = ObservationStatus.Final, Code = new CodeableConcept(Local, "microvascular-invasion"),
            Subject = new ResourceReference(patientUrl), Effective = new FhirDateTime("2026-01-06"), Value = new FhirBoolean(false),
        };
        r.Add((mvi, null));
        r.Add((Quantity("ihc-pten-31", patientUrl, Local, "pten-hscore", "PTEN (IHC H-score)", 210m, "{H-score}", "2026-01-06T08:00:00Z"), null));
        r.Add((Staged("hcc-dx-31", patientUrl, "2026-01-06", Bclc, "B", ChildPugh, "A"), null));
        r.Add((Diagnosis("masld-31", patientUrl, Icd10, "K76.0", "Fatty (change of) liver, not elsewhere classified", "2021-09-30"), null));
        r.Add((new Medication { Id = "med-lenva", Code = new CodeableConcept(RxNorm, "1603296", "lenvatinib") }, medicationUrl));
        r.Add((new MedicationRequest
        {
            Id = "rx-lenva-31", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order,
            Subject = new ResourceReference(patientUrl), Medication = new ResourceReference(medicationUrl), AuthoredOn = "2026-01-10",
        }, null));
    }

    private static Observation Quantity(string id, string subject, string system, string code, string display, decimal value, string unit, string effective) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept(system, code, display),
        Subject = new ResourceReference(subject),
        Effective = new FhirDateTime(effective),
        Value = new Hl7.Fhir.Model.Quantity { Value = value, Unit = unit, System = Ucum, Code = unit },
    };

    private static Observation Integer(string id, string subject, string system, string code, string display, int value, string effective) => new()
    {
        Id = id, Status = ObservationStatus.Final, Code = new CodeableConcept(system, code, display),
        Subject = new ResourceReference(subject), Effective = new FhirDateTime(effective), Value = new Hl7.Fhir.Model.Integer(value),
    };

    private static Observation Coded(string id, string subject, string system, string code, string display, string answerSystem, string answer, string answerDisplay, string effective) => new()
    {
        Id = id, Status = ObservationStatus.Final, Code = new CodeableConcept(system, code, display),
        Subject = new ResourceReference(subject), Effective = new FhirDateTime(effective), Value = new CodeableConcept(answerSystem, answer, answerDisplay),
    };

    private static Condition Staged(string id, string subject, string recorded, string bclcSystem, string bclc, string childPughSystem, string childPugh) => new()
    {
        Id = id,
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        Code = new CodeableConcept(Icd10, "C22.0", "Liver cell carcinoma"),
        Subject = new ResourceReference(subject),
        RecordedDate = recorded,
        Stage =
        [
            new Condition.StageComponent { Summary = new CodeableConcept(bclcSystem, bclc, "BCLC stage " + bclc), Type = new CodeableConcept(Local, "bclc", "BCLC staging") },
            new Condition.StageComponent { Summary = new CodeableConcept(childPughSystem, childPugh, "Child-Pugh class " + childPugh), Type = new CodeableConcept(Local, "child-pugh", "Child-Pugh classification") },
        ],
    };

    private static Condition Diagnosis(string id, string subject, string system, string code, string display, string recorded) => new()
    {
        Id = id,
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        Code = new CodeableConcept(system, code, display),
        Subject = new ResourceReference(subject),
        RecordedDate = recorded,
    };

    private static MedicationRequest Order(string id, string subject, CodeableConcept medication, string authored, MedicationRequest.MedicationrequestStatus status) => new()
    {
        Id = id, Status = status, Intent = MedicationRequest.MedicationRequestIntent.Order,
        Subject = new ResourceReference(subject), Medication = medication, AuthoredOn = authored,
    };

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
