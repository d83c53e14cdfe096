using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Predictor.Fhir.Reading;

namespace Predictor.Fhir.Mapping;

/// <summary>
/// Maps FHIR R4 resources to the contract's features for each Patient, as of an index date, with a
/// <see cref="FhirMappingOptions"/>. For each feature the latest resource dated at or before the index date wins
/// (later ones are ignored: they were not known then); a feature nothing records stays missing; a value that cannot
/// be read (no value, no unit, a unit not in the table) is a problem for that feature, never a guess or an older value.
/// </summary>
public sealed class PatientMapper(FhirMappingOptions options)
{
    /// <summary>Observation statuses whose value is a result (preliminary, cancelled or entered-in-error ones are not).</summary>
    private static readonly ObservationStatus[] ResultStatuses = [ObservationStatus.Final, ObservationStatus.Amended, ObservationStatus.Corrected];

    public FhirMappingOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>One mapped patient per Patient resource, in the order they appear.</summary>
    /// <exception cref="FhirInputException">No Patient resource, or a Patient without an id.</exception>
    public IReadOnlyList<MappedPatient> MapAll(IReadOnlyList<FhirEntry> entries, DateTimeOffset indexDate)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var bySubject = BySubject(entries);
        var medications = Medications(entries);
        var patients = new List<MappedPatient>();
        foreach (var entry in entries)
        {
            if (entry.Resource is not Patient patient) continue;
            if (string.IsNullOrEmpty(patient.Id)) throw new FhirInputException($"Patient resource number {patients.Count + 1} has no id; resources cannot refer to it.");
            var own = Keys(patient.Id, entry.FullUrl).SelectMany(k => bySubject.TryGetValue(k, out var list) ? list : []).Distinct().ToList();
            patients.Add(Map(patient.Id, patient, own, medications, indexDate));
        }
        return patients.Count > 0 ? patients : throw new FhirInputException("The input holds no Patient resource; each patient to score needs one.");
    }

    /// <summary>
    /// Maps one patient known by id (for a CDS Hooks request, from its context): the Patient resource when one was
    /// prefetched (else age and sex are missing) and every resource whose subject is that patient.
    /// </summary>
    public MappedPatient MapOne(string patientId, IReadOnlyList<FhirEntry> entries, DateTimeOffset indexDate)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(entries);
        var patient = entries.Select(e => e.Resource).OfType<Patient>().FirstOrDefault(p => string.Equals(p.Id, patientId, StringComparison.Ordinal));
        var keys = Keys(patientId, entries.FirstOrDefault(e => ReferenceEquals(e.Resource, patient))?.FullUrl).ToHashSet(StringComparer.Ordinal);
        var own = entries.Where(e => Subject(e.Resource) is { } s && keys.Contains(Normalise(s))).Select(e => e.Resource).ToList();
        return Map(patientId, patient, own, Medications(entries), indexDate);
    }

    private MappedPatient Map(string id, Patient? patient, IReadOnlyList<Resource> resources, IReadOnlyDictionary<string, Medication> medications, DateTimeOffset indexDate)
    {
        var found = new Found();
        if (patient is not null) ReadPatient(patient, indexDate, found);
        foreach (var feature in Options.Observations) ReadObservations(feature, resources.OfType<Observation>(), indexDate, found);
        foreach (var group in Options.Conditions.GroupBy(c => c.Feature, StringComparer.Ordinal)) ReadConditions(group.Key, [.. group], resources.OfType<Condition>(), indexDate, found);
        foreach (var stage in Options.Stages) ReadStages(stage, resources.OfType<Condition>(), indexDate, found);
        if (Options.Treatment is { } treatment) ReadTreatment(treatment, resources.OfType<MedicationRequest>(), medications, indexDate, found);

        var missing = new List<MissingFeature>();
        foreach (var feature in Options.Features)
        {
            if (found.Values.ContainsKey(feature) || found.Problems.Any(p => string.Equals(p.Feature, feature, StringComparison.Ordinal))) continue;
            missing.Add(new MissingFeature(feature, found.Reasons.TryGetValue(feature, out var reason) ? reason
                : patient is null && feature is FeatureNames.Age or FeatureNames.Sex ? "no Patient resource was given" : "nothing recorded"));
        }
        return new MappedPatient(id, found.Values, found.Sources, missing, found.Problems);
    }

    /// <summary>Treatment from the order being placed (CDS Hooks order-select): the draft order wins over history.</summary>
    public static MappedPatient WithTreatment(MappedPatient mapped, string feature, string level, string resource)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var values = new Dictionary<string, string>(mapped.Values, StringComparer.Ordinal) { [feature] = level };
        var sources = new Dictionary<string, FeatureSource>(mapped.Sources, StringComparer.Ordinal) { [feature] = new FeatureSource(resource, null, "the order being placed") };
        return mapped with
        {
            Values = values,
            Sources = sources,
            Missing = [.. mapped.Missing.Where(m => !string.Equals(m.Feature, feature, StringComparison.Ordinal))],
            Problems = [.. mapped.Problems.Where(p => !string.Equals(p.Feature, feature, StringComparison.Ordinal))],
        };
    }

    /// <summary>The treatment level a medication code means, or null.</summary>
    public string? TreatmentOf(MedicationRequest request, IReadOnlyList<FhirEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Options.Treatment is { } treatment ? TreatmentLevel(treatment, request, Medications(entries ?? [])) : null;
    }

    private static void ReadPatient(Patient patient, DateTimeOffset indexDate, Found found)
    {
        string resource = "Patient/" + patient.Id;
        switch (patient.Gender)
        {
            case AdministrativeGender.Male:
                found.Set(FeatureNames.Sex, "M", new FeatureSource(resource, null, "gender male"));
                break;
            case AdministrativeGender.Female:
                found.Set(FeatureNames.Sex, "F", new FeatureSource(resource, null, "gender female"));
                break;
            case { } other:
                found.Reasons[FeatureNames.Sex] = $"gender '{other.GetLiteral()}' is not one of the model's categories (M, F)";
                break;
            default:
                found.Reasons[FeatureNames.Sex] = "the Patient has no gender";
                break;
        }
        if (patient.BirthDateElement is not { } birth)
        {
            found.Reasons[FeatureNames.Age] = "the Patient has no birthDate";
            return;
        }
        if (FhirDates.AgeAt(birth, indexDate) is not { } age)
        {
            found.Problem(FeatureNames.Age, resource, "birthDate is not a full date (year-month-day), so the age at the index date is not known.");
            return;
        }
        found.Set(FeatureNames.Age, age.ToString(CultureInfo.InvariantCulture), new FeatureSource(resource, birth.Value, "age in full years at the index date from birthDate"));
    }

    private static void ReadObservations(ObservationFeature feature, IEnumerable<Observation> observations, DateTimeOffset indexDate, Found found)
    {
        var candidates = observations
            .Where(o => o.Status is { } status && ResultStatuses.Contains(status) && o.Code?.Coding.Any(c => feature.Codes.Any(f => f.Matches(c))) == true)
            .ToList();
        if (candidates.Count == 0) return;
        var dated = candidates.Select(o => (Observation: o, Date: FhirDates.Of(o))).Where(x => x.Date is not null).ToList();
        var latest = Latest(dated.Select(x => (x.Observation, x.Date!.Value)), indexDate, out int later);
        if (latest is not var (observation, date))
        {
            if (dated.Count == 0)
                found.Problem(feature.Feature, Ref(candidates[^1]), "the observation has no effective date or issued time, so it cannot be placed before the index date.");
            else
                found.Reasons[feature.Feature] = Invariant($"only after the index date ({later} observation(s))");
            return;
        }
        string resource = Ref(observation);
        if (observation.Value is null && observation.DataAbsentReason is { } absent)
        {
            found.Reasons[feature.Feature] = $"{resource} records the value as absent ({absent.Coding.FirstOrDefault()?.Code ?? absent.Text ?? "no reason given"})";
            return;
        }
        var reading = ObservationValues.Read(observation, feature);
        var code = observation.Code!.Coding.First(c => feature.Codes.Any(f => f.Matches(c)));
        if (reading.Problem is { } problem)
        {
            found.Problem(feature.Feature, resource, problem);
            return;
        }
        found.Set(feature.Feature, reading.Cell!, new FeatureSource(resource, date.Text, $"{code.System}|{code.Code}, {reading.Detail}"));
    }

    private static void ReadConditions(string feature, IReadOnlyList<ConditionFeature> levels, IEnumerable<Condition> conditions, DateTimeOffset indexDate, Found found)
    {
        var matches = new List<(Condition Condition, FhirDates.Dated Date, string Level)>();
        foreach (var condition in conditions.Where(Stands))
        {
            var level = levels.FirstOrDefault(l => condition.Code?.Coding.Any(l.Matches) == true);
            // A diagnosis without a date still stands: it counts as known before any index date.
            if (level is not null) matches.Add((condition, FhirDates.Of(condition) ?? new FhirDates.Dated(DateTimeOffset.MinValue, ""), level.Level));
        }
        var latest = Latest(matches.Select(m => (m, m.Date)), indexDate, out int later);
        if (latest is not var (match, date))
        {
            if (later > 0) found.Reasons[feature] = Invariant($"only after the index date ({later} condition(s))");
            return;
        }
        found.Set(feature, match.Level, new FeatureSource(Ref(match.Condition), NullIfEmpty(date.Text), $"Condition code -> {match.Level}"));
    }

    private static void ReadStages(StageFeature stage, IEnumerable<Condition> conditions, DateTimeOffset indexDate, Found found)
    {
        var matches = new List<(Condition Condition, FhirDates.Dated Date, string Level)>();
        foreach (var condition in conditions.Where(Stands))
        {
            foreach (var component in condition.Stage)
            {
                var code = stage.Summary.FirstOrDefault(s => component.Summary?.Coding.Any(c =>
                    string.Equals(c.System, s.System, StringComparison.Ordinal) && string.Equals(c.Code, s.Code, StringComparison.Ordinal)) == true);
                if (code is not null) matches.Add((condition, FhirDates.Of(condition) ?? new FhirDates.Dated(DateTimeOffset.MinValue, ""), code.Level));
            }
        }
        var latest = Latest(matches.Select(m => (m, m.Date)), indexDate, out int later);
        if (latest is not var (match, date))
        {
            if (later > 0) found.Reasons[stage.Feature] = Invariant($"only after the index date ({later} staging(s))");
            return;
        }
        found.Set(stage.Feature, match.Level, new FeatureSource(Ref(match.Condition), NullIfEmpty(date.Text), $"Condition.stage.summary -> {match.Level}"));
    }

    private static void ReadTreatment(MedicationFeature treatment, IEnumerable<MedicationRequest> requests, IReadOnlyDictionary<string, Medication> medications, DateTimeOffset indexDate, Found found)
    {
        var matches = new List<(MedicationRequest Request, FhirDates.Dated Date, string Level)>();
        foreach (var request in requests)
        {
            if (request.Status is MedicationRequest.MedicationrequestStatus.EnteredInError or MedicationRequest.MedicationrequestStatus.Cancelled
                or MedicationRequest.MedicationrequestStatus.Draft) continue;
            if (TreatmentLevel(treatment, request, medications) is { } level && FhirDates.Of(request) is { } authored) matches.Add((request, authored, level));
        }
        var latest = Latest(matches.Select(m => (m, m.Date)), indexDate, out int later);
        if (latest is not var (match, date))
        {
            if (later > 0) found.Reasons[treatment.Feature] = Invariant($"only ordered after the index date ({later} request(s))");
            return;
        }
        found.Set(treatment.Feature, match.Level, new FeatureSource(Ref(match.Request), date.Text, $"medication code -> {match.Level}"));
    }

    private static string? TreatmentLevel(MedicationFeature treatment, MedicationRequest request, IReadOnlyDictionary<string, Medication> medications)
    {
        var concept = request.Medication switch
        {
            CodeableConcept c => c,
            ResourceReference { Reference: { } reference } when medications.TryGetValue(Normalise(reference), out var medication) => medication.Code,
            _ => null,
        };
        if (concept is null) return null;
        return treatment.Codes.FirstOrDefault(t => concept.Coding.Any(c =>
            string.Equals(c.System, t.System, StringComparison.Ordinal) && string.Equals(c.Code, t.Code, StringComparison.Ordinal)))?.Level;
    }

    /// <summary>The latest item dated at or before the index date (ties: the last given); counts the ones after it.</summary>
    private static (T Item, FhirDates.Dated Date)? Latest<T>(IEnumerable<(T Item, FhirDates.Dated Date)> items, DateTimeOffset indexDate, out int later)
    {
        (T, FhirDates.Dated)? best = null;
        later = 0;
        foreach (var (item, date) in items)
        {
            if (date.At > indexDate)
            {
                later++;
                continue;
            }
            if (best is null || date.At >= best.Value.Item2.At) best = (item, date);
        }
        return best;
    }

    private static bool Stands(Condition condition)
    {
        var status = condition.VerificationStatus?.Coding.FirstOrDefault()?.Code;
        return status is not ("entered-in-error" or "refuted");
    }

    private static Dictionary<string, List<Resource>> BySubject(IReadOnlyList<FhirEntry> entries)
    {
        var map = new Dictionary<string, List<Resource>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Subject(entry.Resource) is not { } subject) continue;
            string key = Normalise(subject);
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(entry.Resource);
        }
        return map;
    }

    private static Dictionary<string, Medication> Medications(IReadOnlyList<FhirEntry> entries)
    {
        var map = new Dictionary<string, Medication>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Resource is not Medication medication) continue;
            if (medication.Id is { } id) map["Medication/" + id] = medication;
            if (entry.FullUrl is { } url) map[url] = medication;
        }
        return map;
    }

    private static string? Subject(Resource resource) => resource switch
    {
        Observation o => o.Subject?.Reference,
        Condition c => c.Subject?.Reference,
        MedicationRequest m => m.Subject?.Reference,
        _ => null,
    };

    private static IEnumerable<string> Keys(string id, string? fullUrl)
    {
        yield return "Patient/" + id;
        if (!string.IsNullOrEmpty(fullUrl)) yield return Normalise(fullUrl);
    }

    /// <summary>"http://server/fhir/Patient/1" and "Patient/1" name the same patient; urn:uuid references stay as they are.</summary>
    private static string Normalise(string reference)
    {
        if (reference.StartsWith("urn:", StringComparison.Ordinal)) return reference;
        var parts = reference.Split('/');
        int history = Array.IndexOf(parts, "_history");
        if (history >= 2) parts = parts[..history];
        return parts.Length >= 2 ? parts[^2] + "/" + parts[^1] : reference;
    }

    private static string Ref(Resource resource) => resource.TypeName + "/" + (resource.Id ?? "(no id)");

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Found
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FeatureSource> Sources { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Reasons { get; } = new(StringComparer.Ordinal);

        public List<FeatureProblem> Problems { get; } = [];

        public void Set(string feature, string value, FeatureSource source)
        {
            Values[feature] = value;
            Sources[feature] = source;
        }

        public void Problem(string feature, string resource, string problem) => Problems.Add(new FeatureProblem(feature, resource, problem));
    }
}
