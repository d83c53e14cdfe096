using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Predictor.Fhir.Reading;
using Predictor.Fhir.Tests;
using Predictor.Fhir.Tests.Fixtures;
using Predictor.Worker.Models;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// The real worker (in-process on loopback, bundled model) answering FHIR and CDS Hooks calls: the same probability
/// as <c>/v1/score</c> on the same features, responses that follow the CDS Hooks 2.0 schemas, and a 4xx in the CDS
/// error shape for every bad input.
/// </summary>
public sealed class FhirEndpointTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>hcc-001 of the EHR-like export as of 2026-02-01, written out by hand from the fixture generator.</summary>
    private static readonly Dictionary<string, string> FullPatientOnFebruary1 = new()
    {
        ["patient_id"] = "hcc-001", ["age_years"] = "67", ["sex"] = "M", ["etiology"] = "HBV", ["child_pugh"] = "B", ["ecog_ps"] = "1",
        ["bclc_stage"] = "C", ["tumor_size_cm"] = "5.2", ["tumor_count"] = "3", ["microvascular_invasion"] = "true", ["afp_ng_ml"] = "1210",
        ["treatment"] = "sorafenib", ["pi3k_hscore"] = "180", ["p_akt_hscore"] = "240", ["p_mtor_hscore"] = "150", ["pten_hscore"] = "40",
        ["mdr1_hscore"] = "120", ["bcl2_hscore"] = "90", ["mir_21"] = "2.4", ["mir_155"] = "1.1", ["mir_205_5p"] = "-0.6", ["mir_144_3p"] = "-1.8",
    };

    [Fact]
    public async Task A_bundle_of_three_patients_scores_each_like_v1_score_with_provenance_and_missing()
    {
        await using var host = await WorkerHost.StartAsync();
        using var response = await host.Client.PostAsync("/v1/score/fhir?indexDate=2026-02-01&contributions=3", Json(File.ReadAllText(FixtureFiles.EhrExportJson)));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["hcc-001", "hcc-002", "hcc-003"], results.Select(r => r.GetProperty("patientId").GetString()));
        Assert.Empty(doc.RootElement.GetProperty("errors").EnumerateArray());

        // The full patient: the features the mapping read are exactly the hand-written ones, and the score is /v1/score's.
        var full = results[0];
        var features = full.GetProperty("features");
        foreach (var (name, value) in FullPatientOnFebruary1.Where(f => f.Key != "patient_id"))
            Assert.Equal(value, features.GetProperty(name).GetProperty("value").GetString());
        Assert.Equal("Observation/afp-2", features.GetProperty("afp_ng_ml").GetProperty("resource").GetString());
        Assert.Equal("2026-01-20T08:30:00Z", features.GetProperty("afp_ng_ml").GetProperty("date").GetString());
        Assert.Equal(await ScoreAsJson(host, FullPatientOnFebruary1), full.GetProperty("probability").GetDouble());
        Assert.Equal(3, full.GetProperty("contributions").GetArrayLength());

        // Every patient: /v1/score on the features the answer says were used gives the same probability.
        foreach (var result in results)
            Assert.Equal(await ScoreAsJson(host, FeaturesOf(result)), result.GetProperty("probability").GetDouble());
        var sparse = results[1];
        Assert.Equal(2, sparse.GetProperty("features").EnumerateObject().Count());
        Assert.Contains(sparse.GetProperty("missing").EnumerateArray(), m => m.GetProperty("feature").GetString() == "p_akt_hscore");
    }

    [Fact]
    public async Task Discovery_and_a_patient_view_call_answer_a_card_with_the_v1_score_probability()
    {
        await using var host = await WorkerHost.StartAsync();
        using var discovery = await host.Client.GetAsync("/cds-services");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        CdsSchemas.AssertValid("cds-hooks-2.0-discovery.schema.json", await discovery.Content.ReadAsStringAsync());

        using var call = await host.Client.PostAsync("/cds-services/hcc-resistance-patient-view", Json(File.ReadAllText(FixtureFiles.PatientViewRequest)));
        string text = await call.Content.ReadAsStringAsync();
        Assert.True(call.StatusCode == HttpStatusCode.OK, text);
        CdsSchemas.AssertValid("cds-hooks-2.0-response.schema.json", text);
        using var doc = JsonDocument.Parse(text);
        var card = Assert.Single(doc.RootElement.GetProperty("cards").EnumerateArray());
        var numbers = card.GetProperty("extension");
        double probability = numbers.GetProperty("hcc-predictor.probability").GetDouble();
        double threshold = numbers.GetProperty("hcc-predictor.threshold").GetDouble();
        string indexDate = numbers.GetProperty("hcc-predictor.indexDate").GetString()!;
        Assert.Equal(probability >= threshold ? "warning" : "info", card.GetProperty("indicator").GetString());
        Assert.StartsWith("Six-month resistance risk ", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("p-AKT H-score 240: raises the risk", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/v1/model", card.GetProperty("links")[0].GetProperty("url").GetString(), StringComparison.Ordinal);

        // The same patient from the same resources as of the card's index date, then its features through /v1/score.
        using var fhir = await host.Client.PostAsync("/v1/score/fhir?indexDate=" + Uri.EscapeDataString(indexDate), Json(File.ReadAllText(FixtureFiles.EhrExportJson)));
        using var scored = JsonDocument.Parse(await fhir.Content.ReadAsStringAsync());
        var same = scored.RootElement.GetProperty("results")[0];
        Assert.Equal(same.GetProperty("probability").GetDouble(), probability);
        Assert.Equal(await ScoreAsJson(host, FeaturesOf(same)), probability);
    }

    [Fact]
    public async Task Without_prefetch_and_with_a_fhir_server_the_card_says_it_used_the_prefetch_only()
    {
        await using var host = await WorkerHost.StartAsync();
        var request = JsonNode.Parse(File.ReadAllText(FixtureFiles.PatientViewRequest))!;
        request["prefetch"] = new JsonObject { ["patient"] = request["prefetch"]!["patient"]!.DeepClone() };
        using var call = await host.Client.PostAsync("/cds-services/hcc-resistance-patient-view", Json(request.ToJsonString()));
        string text = await call.Content.ReadAsStringAsync();
        Assert.True(call.StatusCode == HttpStatusCode.OK, text);
        CdsSchemas.AssertValid("cds-hooks-2.0-response.schema.json", text);
        string detail = JsonDocument.Parse(text).RootElement.GetProperty("cards")[0].GetProperty("detail").GetString()!;
        Assert.Contains("did not prefetch observations, conditions, medications; this service makes no calls to the FHIR server", detail, StringComparison.Ordinal);
        Assert.Contains("Not recorded", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_select_answers_for_sorafenib_or_lenvatinib_and_stays_silent_for_other_drugs()
    {
        await using var host = await WorkerHost.StartAsync();
        var prefetch = JsonNode.Parse(File.ReadAllText(FixtureFiles.PatientViewRequest))!["prefetch"]!;
        string Order(string code, string name) => new JsonObject
        {
            ["hook"] = "order-select",
            ["hookInstance"] = "0f8c5a0e-5f55-4a3e-9a0b-6e1e5c0f6a11",
            ["context"] = new JsonObject
            {
                ["userId"] = "Practitioner/example",
                ["patientId"] = "hcc-001",
                ["selections"] = new JsonArray("MedicationRequest/draft-1"),
                ["draftOrders"] = JsonNode.Parse(FhirResources.ToJson(new Bundle
                {
                    Type = Bundle.BundleType.Collection,
                    Entry = [new Bundle.EntryComponent { Resource = new MedicationRequest
                    {
                        Id = "draft-1", Status = MedicationRequest.MedicationrequestStatus.Draft, Intent = MedicationRequest.MedicationRequestIntent.Order,
                        Subject = new ResourceReference("Patient/hcc-001"), Medication = new CodeableConcept(BundleGenerator.RxNorm, code, name),
                    } }],
                })),
            },
            ["prefetch"] = prefetch.DeepClone(),
        }.ToJsonString();

        foreach (var drug in new[] { ("1603296", "lenvatinib"), ("495881", "sorafenib") })
        {
            string body = Order(drug.Item1, drug.Item2);
            CdsSchemas.AssertValid("cds-hooks-2.0-request.schema.json", body);
            using var call = await host.Client.PostAsync("/cds-services/hcc-resistance-order-select", Json(body));
            string text = await call.Content.ReadAsStringAsync();
            Assert.True(call.StatusCode == HttpStatusCode.OK, text);
            CdsSchemas.AssertValid("cds-hooks-2.0-response.schema.json", text);
            Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("cards").EnumerateArray());
        }
        using var other = await host.Client.PostAsync("/cds-services/hcc-resistance-order-select", Json(Order("6809", "metformin")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("""{"cards":[]}""", await other.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadInputs() => new()
    {
        { "/v1/score/fhir", "patient_id,age_years\nX,60", HttpStatusCode.BadRequest, "not valid JSON" },
        { "/v1/score/fhir", """{"patient_id":"X","age_years":60}""", HttpStatusCode.BadRequest, "not a valid FHIR R4 resource" },
        { "/v1/score/fhir", FhirResources.ToJson(new Patient { Id = "x" }), HttpStatusCode.BadRequest, "is a FHIR Patient; expected a Bundle" },
        { "/v1/score/fhir", FhirResources.ToJson(new Bundle { Type = Bundle.BundleType.Collection }), HttpStatusCode.BadRequest, "no Patient resource" },
        { "/v1/score/fhir?indexDate=yesterday", FhirResources.ToJson(new Bundle { Type = Bundle.BundleType.Collection }), HttpStatusCode.BadRequest, "indexDate must be a date" },
        { "/v1/score/fhir", "", HttpStatusCode.BadRequest, "The body is empty" },
        { "/v1/score/fhir", OnePatient(Observation(new Quantity { Value = 3m })), HttpStatusCode.UnprocessableEntity, "no patient in the bundle could be scored" },
        { "/v1/score/fhir", OnePatient(Observation(null)), HttpStatusCode.UnprocessableEntity, "no patient in the bundle could be scored" },
        { "/cds-services/no-such-service", "{}", HttpStatusCode.NotFound, "There is no CDS service 'no-such-service'" },
        { "/cds-services/hcc-resistance-patient-view", """{"hook":"order-sign","hookInstance":"1","context":{"userId":"u","patientId":"p"}}""", HttpStatusCode.BadRequest, "answers the 'patient-view' hook" },
        { "/cds-services/hcc-resistance-patient-view", "not json", HttpStatusCode.BadRequest, "not valid JSON" },
        { "/cds-services/hcc-resistance-patient-view", """{"hook":"patient-view","hookInstance":"1","context":{"userId":"u","patientId":"p1"},"prefetch":{"observations":""" + OnePatient(Observation(null)) + "}}", HttpStatusCode.UnprocessableEntity, "cannot be scored" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_4xx_in_the_cds_error_shape(string path, string body, HttpStatusCode status, string message)
    {
        await using var host = await WorkerHost.StartAsync();
        using var response = await host.Client.PostAsync(path, Json(body));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.Contains(message, doc.RootElement.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        if (status == HttpStatusCode.UnprocessableEntity)
            Assert.Contains(doc.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("feature").GetString() == "afp_ng_ml" || p.GetProperty("feature").GetString() == "tumor_size_cm");
    }

    [Fact]
    public async Task A_bundle_of_10000_patients_gets_the_limits_of_v1_score()
    {
        await using var host = await WorkerHost.StartAsync();
        var many = new Bundle { Type = Bundle.BundleType.Collection };
        for (int i = 0; i < 10_000; i++) many.Entry.Add(new Bundle.EntryComponent { Resource = new Patient { Id = "p" + i.ToString(CultureInfo.InvariantCulture) } });
        string body = FhirResources.ToJson(many);
        Assert.True(body.Length < 1_048_576, "the bundle should be under the byte limit so the patient limit answers");
        using var response = await host.Client.PostAsync("/v1/score/fhir", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than 1000 patients", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Past the byte limit the answer is 413, still in the error shape (a small limit, so the client finishes
        // sending before the worker answers, as in the /v1/score limit test).
        await using var small = await WorkerHost.StartAsync("--Worker:Http:MaxRequestBytes=4096");
        var heavy = new Bundle { Type = Bundle.BundleType.Collection };
        foreach (var entry in many.Entry.Take(20))
        {
            heavy.Entry.Add(entry);
            var afp = Observation(new Quantity(12m, "ng/mL", "http://unitsofmeasure.org"));
            afp.Subject = new ResourceReference("Patient/" + entry.Resource!.Id);
            heavy.Entry.Add(new Bundle.EntryComponent { Resource = afp });
        }
        string over = FhirResources.ToJson(heavy);
        Assert.InRange(over.Length, 4097, 16_384);
        using var tooBig = await small.Client.PostAsync("/v1/score/fhir", Json(over));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("larger than the limit of 4096 bytes", JsonDocument.Parse(await tooBig.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_mapping_file_or_model_card_url_stops_start_up_with_one_line()
    {
        await using var host = WorkerHost.Create();
        string missing = Path.Combine(host.Root, "no-such-mapping.json");
        var ex = Assert.Throws<WorkerStartupException>(() => WorkerApp.Build(host.Arguments($"--Worker:Fhir:MappingFile={missing}")));
        Assert.Contains("no-such-mapping.json", ex.Message, StringComparison.Ordinal);
        string typo = Path.Combine(host.Root, "typo.json");
        File.WriteAllText(typo, """{"observation":[]}""");
        Assert.Throws<WorkerStartupException>(() => WorkerApp.Build(host.Arguments($"--Worker:Fhir:MappingFile={typo}")));
        var url = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => WorkerApp.Build(host.Arguments("--Worker:Fhir:ModelCardUrl=model-card")));
        Assert.Contains("ModelCardUrl", url.Message, StringComparison.Ordinal);
    }

    private static async Task<double> ScoreAsJson(WorkerHost host, IReadOnlyDictionary<string, string> features)
    {
        // /v1/score wants every required contract column; a missing feature is sent as null, as a client would.
        var body = new JsonObject();
        foreach (var column in Predictor.Data.Contract.CohortContract.Features) body[column.Name] = null;
        foreach (var (name, value) in features) body[name] = value;
        using var response = await host.Client.PostAsync("/v1/score", Json(body.ToJsonString()));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("probability").GetDouble();
    }

    private static Dictionary<string, string> FeaturesOf(JsonElement result)
    {
        var features = result.GetProperty("features").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetProperty("value").GetString()!);
        features["patient_id"] = result.GetProperty("patientId").GetString()!;
        return features;
    }

    private static string OnePatient(params Resource[] resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = new Patient { Id = "p1", Gender = AdministrativeGender.Male, BirthDate = "1955-03-01" } });
        foreach (var r in resources) bundle.Entry.Add(new Bundle.EntryComponent { Resource = r });
        return FhirResources.ToJson(bundle);
    }

    private static Observation Observation(DataType? value) => new()
    {
        Id = "afp-1",
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "1834-1"),
        Subject = new ResourceReference("Patient/p1"),
        Effective = new FhirDateTime("2026-01-10"),
        Value = value,
    };
}
