using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Predictor.Fhir.CdsHooks;
using Predictor.Fhir.Mapping;
using Predictor.Fhir.Tests.Fixtures;
using Predictor.Scoring.Explanations;

namespace Predictor.Fhir.Tests;

/// <summary>CDS Hooks 2.0: discovery and cards against the schemas kept in the repository, and request checks.</summary>
public class CdsHooksTests
{
    private static readonly FhirMappingOptions Mapping = FhirMappingOptions.Default;
    private static readonly string[] Keys = [.. CdsServices.Prefetch(Mapping).Keys];

    [Fact]
    public void Discovery_announces_patient_view_and_order_select_with_prefetch_and_follows_the_schema()
    {
        var discovery = CdsServices.Discovery(Mapping);
        string json = JsonSerializer.Serialize(discovery, CdsJsonContext.Default.CdsDiscovery);
        CdsSchemas.AssertValid("cds-hooks-2.0-discovery.schema.json", json);
        Assert.Equal(["patient-view", "order-select"], discovery.Services.Select(s => s.Hook));
        var prefetch = discovery.Services[0].Prefetch;
        Assert.Equal("Patient/{{context.patientId}}", prefetch["patient"]);
        Assert.Contains("http://loinc.org|1834-1", prefetch["observations"], StringComparison.Ordinal);
        Assert.Contains("pi3k-hscore", prefetch["observations"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_schemas_are_not_vacuous()
    {
        // A card with an unknown indicator, a missing source and a too-long summary must fail the response schema.
        Assert.False(CdsSchemas.IsValid("cds-hooks-2.0-response.schema.json", """{"cards":[{"summary":"x","indicator":"urgent","source":{"label":"s"}}]}"""));
        Assert.False(CdsSchemas.IsValid("cds-hooks-2.0-response.schema.json", """{"cards":[{"summary":"x","indicator":"info"}]}"""));
        Assert.False(CdsSchemas.IsValid("cds-hooks-2.0-response.schema.json", "{\"cards\":[{\"summary\":\"" + new string('x', 140) + "\",\"indicator\":\"info\",\"source\":{\"label\":\"s\"}}]}"));
        Assert.False(CdsSchemas.IsValid("cds-hooks-2.0-request.schema.json", """{"hook":"patient-view","hookInstance":"1","context":{"userId":"u"}}"""));
        Assert.False(CdsSchemas.IsValid("cds-hooks-2.0-discovery.schema.json", """{"services":[{"hook":"patient-view","id":"x"}]}"""));
    }

    [Fact]
    public void A_patient_view_request_is_read_with_every_prefetched_resource()
    {
        var request = Parse(File.ReadAllText(FixtureFiles.PatientViewRequest), CdsServices.PatientView, "patient-view");
        Assert.Equal("hcc-001", request.PatientId);
        Assert.Empty(request.NotPrefetched);
        var mapped = new PatientMapper(Mapping).MapOne(request.PatientId, request.Entries, BundleGenerator.IndexDate);
        Assert.Empty(mapped.Missing);
        Assert.Equal("1210", mapped.Values["afp_ng_ml"]);
    }

    [Fact]
    public void A_request_without_prefetch_but_with_a_fhir_server_is_read_and_says_what_was_not_prefetched()
    {
        var node = JsonNode.Parse(File.ReadAllText(FixtureFiles.PatientViewRequest))!;
        node["prefetch"]!.AsObject().Remove("observations");
        node["prefetch"]!["conditions"] = null;
        var request = Parse(node.ToJsonString(), CdsServices.PatientView, "patient-view");
        Assert.Equal(["observations", "conditions"], request.NotPrefetched);
        Assert.Equal("https://ehr.example.invalid/fhir", request.FhirServer);
    }

    [Theory]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""[]""", "request object")]
    [InlineData("""{"hook":"order-select","hookInstance":"1","context":{"userId":"u","patientId":"p"}}""", "answers the 'patient-view' hook")]
    [InlineData("""{"hook":"patient-view","context":{"userId":"u","patientId":"p"}}""", "'hookInstance' is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"1","context":{"userId":"u"}}""", "'context.patientId' is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"1","context":{"userId":"u","patientId":"p"},"prefetch":{"patient":{"resourceType":"Observation","status":"final","code":{"text":"x"}}}}""", "expected the Patient")]
    [InlineData("""{"hook":"patient-view","hookInstance":"1","context":{"userId":"u","patientId":"p"},"prefetch":{"patient":{"resourceType":"Patient","id":"q"}}}""", "not the patient in context.patientId")]
    [InlineData("""{"hook":"patient-view","hookInstance":"1","context":{"userId":"u","patientId":"p"},"prefetch":{"observations":{"resourceType":"Patient","id":"p"}}}""", "expected a Bundle")]
    [InlineData("""{"hook":"patient-view","hookInstance":"1","context":{"userId":"u","patientId":"p"},"prefetch":{"observations":{"foo":1}}}""", "not a valid FHIR R4 resource")]
    public void A_request_that_breaks_the_specification_is_refused_with_the_reason(string body, string message)
    {
        var ex = Assert.Throws<CdsRequestException>(() => Parse(body, CdsServices.PatientView, "patient-view"));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_select_needs_selections_that_are_in_the_draft_orders()
    {
        const string missing = """{"hook":"order-select","hookInstance":"1","context":{"userId":"u","patientId":"p"}}""";
        Assert.Contains("selections", Assert.Throws<CdsRequestException>(() => Parse(missing, CdsServices.OrderSelect, "order-select")).Message, StringComparison.Ordinal);
        const string stray = """{"hook":"order-select","hookInstance":"1","context":{"userId":"u","patientId":"p","selections":["MedicationRequest/x"],"draftOrders":{"resourceType":"Bundle","type":"collection","entry":[]}}}""";
        Assert.Contains("not in context.draftOrders", Assert.Throws<CdsRequestException>(() => Parse(stray, CdsServices.OrderSelect, "order-select")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_says_the_probability_category_contributions_in_words_and_what_is_missing_and_follows_the_schema()
    {
        var request = Parse(File.ReadAllText(FixtureFiles.PatientViewRequest), CdsServices.PatientView, "patient-view");
        var mapped = new PatientMapper(Mapping).MapOne("hcc-001", request.Entries, BundleGenerator.IndexDate);
        mapped = mapped with
        {
            Values = mapped.Values.Where(v => v.Key != "mir_21").ToDictionary(),
            Missing = [new MissingFeature("mir_21", "nothing recorded")],
        };
        var score = new CdsScore(0.734, 0.505, "youden", new string('a', 64),
            [new FeatureContribution("p_akt_hscore", 240, 0.41), new FeatureContribution("pten_hscore", 40, -0.2), new FeatureContribution("mir_21", double.NaN, 0.05)]);
        var response = CdsCards.Build(request, mapped, score, Mapping, "https://predictor.example.invalid/v1/model", BundleGenerator.IndexDate);
        CdsSchemas.AssertValid("cds-hooks-2.0-response.schema.json", JsonSerializer.Serialize(response, CdsJsonContext.Default.CdsResponse));
        var card = Assert.Single(response.Cards);
        Assert.Equal("warning", card.Indicator);
        Assert.Equal("Six-month resistance risk 73%: resistance likely (model threshold 51%)", card.Summary);
        Assert.Contains("- p-AKT H-score 240: raises the risk", card.Detail, StringComparison.Ordinal);
        Assert.Contains("- PTEN H-score 40: lowers the risk", card.Detail, StringComparison.Ordinal);
        Assert.Contains("- miR-21 not recorded: raises the risk", card.Detail, StringComparison.Ordinal);
        Assert.Contains("Not recorded (scored as missing; measuring them would refine the estimate): miR-21.", card.Detail, StringComparison.Ordinal);
        Assert.Contains("Model version aaaaaaaaaaaa", card.Detail, StringComparison.Ordinal);
        Assert.Equal("https://predictor.example.invalid/v1/model", Assert.Single(card.Links!).Url);

        var below = CdsCards.Build(request, mapped, score with { Probability = 0.2 }, Mapping, "https://predictor.example.invalid/v1/model", BundleGenerator.IndexDate);
        Assert.Equal("info", below.Cards[0].Indicator);
        Assert.Contains("resistance less likely", below.Cards[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_for_a_request_without_prefetch_says_no_outbound_call_was_made()
    {
        var node = JsonNode.Parse(File.ReadAllText(FixtureFiles.PatientViewRequest))!;
        node["prefetch"]!.AsObject().Remove("observations");
        var request = Parse(node.ToJsonString(), CdsServices.PatientView, "patient-view");
        var mapped = new PatientMapper(Mapping).MapOne("hcc-001", request.Entries, BundleGenerator.IndexDate);
        var card = CdsCards.Build(request, mapped, new CdsScore(0.3, 0.5, "youden", "abc", []), Mapping, "https://x.invalid/m", BundleGenerator.IndexDate).Cards[0];
        Assert.Contains("did not prefetch observations; this service makes no calls to the FHIR server, so the score uses the prefetched data only", card.Detail, StringComparison.Ordinal);
    }

    private static CdsRequest Parse(string body, string service, string hook) => CdsRequest.Parse(Encoding.UTF8.GetBytes(body), service, hook, Keys);
}
