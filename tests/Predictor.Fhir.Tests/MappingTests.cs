using Hl7.Fhir.Model;
using Predictor.Fhir.Mapping;
using Predictor.Fhir.Reading;
using Predictor.Fhir.Tests.Fixtures;

namespace Predictor.Fhir.Tests;

/// <summary>The shipped mapping on the EHR-like export: values, units, the latest-before-index rule and provenance.</summary>
public class MappingTests
{
    private static readonly PatientMapper Mapper = new(FhirMappingOptions.Default);

    private static IReadOnlyList<MappedPatient> MapExport(DateTimeOffset indexDate) =>
        Mapper.MapAll(FhirResources.ReadBundle(File.ReadAllText(FixtureFiles.EhrExportJson)), indexDate);

    [Fact]
    public void The_full_patient_gets_every_feature_from_the_latest_record_before_the_index_date()
    {
        var patient = MapExport(BundleGenerator.IndexDate)[0];
        Assert.Equal("hcc-001", patient.PatientId);
        Assert.Empty(patient.Problems);
        Assert.Empty(patient.Missing);
        var expected = new Dictionary<string, string>
        {
            ["age_years"] = "67", // born 1958-05-20, index 2026-02-01
            ["sex"] = "M",
            ["afp_ng_ml"] = "1210", // afp-2: 1000 [IU]/mL x 1.21; afp-3 is after the index date, afp-x was cancelled
            ["tumor_size_cm"] = "5.2", // size-2: 52 mm
            ["ecog_ps"] = "1",
            ["tumor_count"] = "3",
            ["microvascular_invasion"] = "true", // SNOMED 373066001 Yes
            ["bclc_stage"] = "C", // hcc-dx-2 (2026-01-26) over hcc-dx-1 (2025-06-02, stage B)
            ["child_pugh"] = "B",
            ["etiology"] = "HBV",
            ["treatment"] = "sorafenib",
            ["pi3k_hscore"] = "180", ["p_akt_hscore"] = "240", ["p_mtor_hscore"] = "150",
            ["pten_hscore"] = "40", ["mdr1_hscore"] = "120", ["bcl2_hscore"] = "90",
            ["mir_21"] = "2.4", ["mir_155"] = "1.1", ["mir_205_5p"] = "-0.6", ["mir_144_3p"] = "-1.8",
        };
        Assert.Equal(expected.OrderBy(e => e.Key), patient.Values.OrderBy(e => e.Key));
        Assert.Equal(new FeatureSource("Observation/afp-2", "2026-01-20T08:30:00Z", "http://loinc.org|19176-2, [IU]/mL x 1.21"), patient.Sources["afp_ng_ml"]);
        Assert.Equal("Observation/size-2", patient.Sources["tumor_size_cm"].Resource);
        Assert.Equal(new FeatureSource("Condition/hcc-dx-2", "2026-01-26", "Condition.stage.summary -> C"), patient.Sources["bclc_stage"]);
        Assert.Equal("MedicationRequest/rx-sora-1", patient.Sources["treatment"].Resource);
        Assert.Equal("Patient/hcc-001", patient.Sources["age_years"].Resource);
    }

    [Fact]
    public void An_earlier_index_date_takes_the_records_known_then_and_says_what_came_later()
    {
        var patient = MapExport(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero))[0];
        Assert.Equal("820", patient.Values["afp_ng_ml"]); // afp-1, ug/L = ng/mL
        Assert.Equal("Observation/afp-1", patient.Sources["afp_ng_ml"].Resource);
        Assert.Equal("B", patient.Values["bclc_stage"]);
        Assert.Equal("A", patient.Values["child_pugh"]);
        Assert.Equal("67", patient.Values["age_years"]);
        var size = Assert.Single(patient.Missing, m => m.Feature == "tumor_size_cm");
        Assert.Equal("only after the index date (2 observation(s))", size.Reason);
        Assert.Contains(patient.Missing, m => m.Feature == "treatment" && m.Reason.StartsWith("only ordered after", StringComparison.Ordinal));
    }

    [Fact]
    public void The_patient_with_almost_nothing_has_age_and_sex_and_every_other_feature_listed_missing()
    {
        var patient = MapExport(BundleGenerator.IndexDate)[1];
        Assert.Equal("hcc-002", patient.PatientId);
        Assert.Equal(["age_years", "sex"], patient.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("76", patient.Values["age_years"]);
        Assert.Equal("F", patient.Values["sex"]);
        Assert.Equal(FhirMappingOptions.Default.Features.Count() - 2, patient.Missing.Count);
        Assert.All(patient.Missing, m => Assert.Equal("nothing recorded", m.Reason));
    }

    [Fact]
    public void Urn_uuid_references_and_a_medication_by_reference_are_followed()
    {
        var patient = MapExport(BundleGenerator.IndexDate)[2];
        Assert.Equal("hcc-003", patient.PatientId);
        Assert.Equal("lenvatinib", patient.Values["treatment"]);
        Assert.Equal("MASLD", patient.Values["etiology"]);
        Assert.Equal("35.5", patient.Values["afp_ng_ml"]);
        Assert.Equal("4.2", patient.Values["tumor_size_cm"]);
        Assert.Equal("false", patient.Values["microvascular_invasion"]);
        Assert.Equal("0", patient.Values["ecog_ps"]);
        Assert.Contains(patient.Missing, m => m.Feature == "p_akt_hscore");
    }

    [Fact]
    public void Bulk_ndjson_maps_exactly_as_the_bundle()
    {
        using var reader = new StringReader(File.ReadAllText(FixtureFiles.EhrExportNdjson));
        var fromNdjson = Mapper.MapAll(FhirResources.ReadNdjson(reader, "ehr-export.ndjson"), BundleGenerator.IndexDate);
        var fromBundle = MapExport(BundleGenerator.IndexDate);
        Assert.Equal(fromBundle.Count, fromNdjson.Count);
        for (int i = 0; i < fromBundle.Count; i++)
        {
            Assert.Equal(fromBundle[i].Values.OrderBy(v => v.Key), fromNdjson[i].Values.OrderBy(v => v.Key));
            Assert.Equal(fromBundle[i].Missing, fromNdjson[i].Missing);
        }
    }

    [Fact]
    public void An_observation_without_value_or_without_unit_is_a_problem_for_its_feature_only()
    {
        var noValue = Observation("afp", "1834-1", null);
        var noUnit = Observation("size", "21889-1", new Quantity { Value = 3m });
        var patient = Mapper.MapAll(Entries(noValue, noUnit), BundleGenerator.IndexDate).Single();
        Assert.Equal(["afp_ng_ml", "tumor_size_cm"], patient.Problems.Select(p => p.Feature).Order(StringComparer.Ordinal));
        Assert.Contains("no value", patient.Problems.Single(p => p.Feature == "afp_ng_ml").Problem, StringComparison.Ordinal);
        Assert.Contains("no unit", patient.Problems.Single(p => p.Feature == "tumor_size_cm").Problem, StringComparison.Ordinal);
        Assert.Equal("Observation/size", patient.Problems.Single(p => p.Feature == "tumor_size_cm").Resource);
        Assert.False(patient.Values.ContainsKey("afp_ng_ml"));
        Assert.DoesNotContain(patient.Missing, m => m.Feature is "afp_ng_ml" or "tumor_size_cm");
    }

    [Fact]
    public void A_value_recorded_as_absent_is_missing_not_a_problem()
    {
        var absent = Observation("afp", "1834-1", null);
        absent.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed");
        var patient = Mapper.MapAll(Entries(absent), BundleGenerator.IndexDate).Single();
        Assert.Empty(patient.Problems);
        Assert.Contains(patient.Missing, m => m.Feature == "afp_ng_ml" && m.Reason.Contains("not-performed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_newer_unreadable_result_is_reported_not_replaced_by_an_older_one()
    {
        var older = Observation("afp-old", "1834-1", new Quantity(12m, "ng/mL", "http://unitsofmeasure.org"), "2025-10-01");
        var newer = Observation("afp-new", "1834-1", new Quantity(12m, "mg/dL", "http://unitsofmeasure.org"), "2026-01-10");
        var patient = Mapper.MapAll(Entries(older, newer), BundleGenerator.IndexDate).Single();
        var problem = Assert.Single(patient.Problems);
        Assert.Equal("Observation/afp-new", problem.Resource);
        Assert.False(patient.Values.ContainsKey("afp_ng_ml"));
    }

    [Fact]
    public void Other_genders_and_partial_birth_dates_are_not_guessed()
    {
        var patient = new Patient { Id = "p", Gender = AdministrativeGender.Other, BirthDate = "1960" };
        var mapped = Mapper.MapAll([new FhirEntry(patient, null)], BundleGenerator.IndexDate).Single();
        Assert.Contains(mapped.Missing, m => m.Feature == "sex" && m.Reason.Contains("'other'", StringComparison.Ordinal));
        Assert.Contains(mapped.Problems, p => p.Feature == "age_years" && p.Problem.Contains("not a full date", StringComparison.Ordinal));
    }

    [Fact]
    public void Input_that_is_not_a_bundle_of_patients_is_refused_with_what_was_expected()
    {
        Assert.Contains("expected a Bundle", Assert.Throws<FhirInputException>(() =>
            FhirResources.ReadBundle(FhirResources.ToJson(new Patient { Id = "x" }))).Message, StringComparison.Ordinal);
        Assert.Contains("type 'Transaction'", Assert.Throws<FhirInputException>(() =>
            FhirResources.ReadBundle(FhirResources.ToJson(new Bundle { Type = Bundle.BundleType.Transaction }))).Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Assert.Throws<FhirInputException>(() => FhirResources.ReadBundle("patient_id,age\n1,60")).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid FHIR R4 resource", Assert.Throws<FhirInputException>(() => FhirResources.ReadBundle("{\"patient_id\": \"p1\"}")).Message, StringComparison.Ordinal);
        Assert.Contains("no Patient", Assert.Throws<FhirInputException>(() =>
            Mapper.MapAll([new FhirEntry(Observation("a", "1834-1", null), null)], BundleGenerator.IndexDate)).Message, StringComparison.Ordinal);
        using var ndjson = new StringReader("{\"resourceType\":\"Patient\",\"id\":\"a\"}\n\n{\"resourceType\":\"Nope\"}\n");
        Assert.Contains("line 3", Assert.Throws<FhirInputException>(() => FhirResources.ReadNdjson(ndjson, "x.ndjson")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_file_with_a_bad_factor_or_unknown_field_is_refused_with_its_place()
    {
        string Write(string json)
        {
            var path = Path.Combine(Predictor.Tests.Common.RepoPaths.TempDirectory(), "mapping.json");
            File.WriteAllText(path, json);
            return path;
        }
        var zero = Write("""{"observations":[{"feature":"afp_ng_ml","codes":[{"system":"http://loinc.org","code":"1834-1"}],"units":{"ng/mL":0}}]}""");
        Assert.Contains("'afp_ng_ml', unit 'ng/mL'", Assert.Throws<FhirMappingException>(() => FhirMappingOptions.Load(zero)).Message, StringComparison.Ordinal);
        var typo = Write("""{"observation":[]}""");
        Assert.Contains("observation", Assert.Throws<FhirMappingException>(() => FhirMappingOptions.Load(typo)).Message, StringComparison.Ordinal);
    }

    internal static IReadOnlyList<FhirEntry> Entries(params Resource[] resources) =>
        [new FhirEntry(new Patient { Id = "p1", Gender = AdministrativeGender.Female, BirthDate = "1960-01-01" }, null), .. resources.Select(r => new FhirEntry(r, null))];

    internal static Observation Observation(string id, string loinc, DataType? value, string effective = "2026-01-10") => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", loinc),
        Subject = new ResourceReference("Patient/p1"),
        Effective = new FhirDateTime(effective),
        Value = value,
    };
}
