using Predictor.Fhir.Reading;
using Predictor.Fhir.Tests.Fixtures;

namespace Predictor.Fhir.Tests;

/// <summary>The committed FHIR fixtures are exactly what the Firely-based generator writes, and are valid FHIR.</summary>
public class FixtureTests
{
    [Fact]
    public void Committed_fixtures_are_what_the_generator_writes()
    {
        var export = BundleGenerator.EhrExport();
        var expected = new Dictionary<string, string>
        {
            [FixtureFiles.EhrExportJson] = FhirResources.ToJson(export, pretty: true) + "\n",
            [FixtureFiles.EhrExportNdjson] = BundleGenerator.Ndjson(export),
            [FixtureFiles.PatientViewRequest] = CdsRequests.PatientView(BundleGenerator.Prefetch(export, "hcc-001"), "hcc-001", "https://ehr.example.invalid/fhir") + "\n",
        };
        bool regenerate = Environment.GetEnvironmentVariable("PREDICTOR_REGENERATE_FHIR") == "1";
        foreach (var (path, text) in expected)
        {
            if (regenerate) File.WriteAllText(path, text);
            Assert.True(File.Exists(path), $"{path} is missing; run the tests with PREDICTOR_REGENERATE_FHIR=1 to write it.");
            Assert.Equal(text, File.ReadAllText(path));
        }
    }

    [Fact]
    public void The_export_reads_back_with_every_resource()
    {
        var entries = FhirResources.ReadBundle(File.ReadAllText(FixtureFiles.EhrExportJson));
        Assert.Equal(BundleGenerator.EhrExport().Entry.Count, entries.Count);
        using var reader = new StringReader(File.ReadAllText(FixtureFiles.EhrExportNdjson));
        Assert.Equal(entries.Count, FhirResources.ReadNdjson(reader, "ehr-export.ndjson").Count);
    }

    [Fact]
    public void The_patient_view_fixture_follows_the_CDS_Hooks_request_schema() =>
        CdsSchemas.AssertValid("cds-hooks-2.0-request.schema.json", File.ReadAllText(FixtureFiles.PatientViewRequest));
}
