using System.Net;
using System.Text;
using System.Text.Json;
using Predictor.Fhir.Tests.Fixtures;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// A model imported from ML.NET without --data has no node covers: the worker serves its scores, and a request for
/// contributions is answered 501 with the way to an explainable model (re-import with --data), not a crash or zeros.
/// </summary>
public sealed class ImportedModelTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_cover_less_import_scores_and_refuses_contributions_naming_the_re_import()
    {
        await using var host = WorkerHost.Create();
        File.WriteAllText(host.ModelPath, TestModels.ImportedWithoutCovers(WorkerHost.BundledModel, "resistance.zip"));
        await host.StartAppAsync();
        var row = Cohorts.ToJsonObject(Cohorts.Rows(1)[0]);

        using var scored = await host.Client.PostAsync("/v1/score", Json(row));
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);

        using var explained = await host.Client.PostAsync("/v1/score?contributions=3", Json(row));
        Assert.Equal(HttpStatusCode.NotImplemented, explained.StatusCode);
        using var problem = JsonDocument.Parse(await explained.Content.ReadAsStringAsync());
        string body = problem.RootElement.GetProperty("error").GetString()!;
        Assert.Contains("re-import it with 'predictor import --mlnet resistance.zip --data", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FHIR_scoring_refuses_contributions_and_the_CDS_card_says_why_it_shows_no_drivers()
    {
        await using var host = WorkerHost.Create();
        File.WriteAllText(host.ModelPath, TestModels.ImportedWithoutCovers(WorkerHost.BundledModel, "resistance.zip"));
        await host.StartAppAsync();
        string bundle = File.ReadAllText(FixtureFiles.EhrExportJson);

        using var plain = await host.Client.PostAsync("/v1/score/fhir?indexDate=2026-02-01", Json(bundle));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);

        using var explained = await host.Client.PostAsync("/v1/score/fhir?indexDate=2026-02-01&contributions=3", Json(bundle));
        Assert.Equal(HttpStatusCode.NotImplemented, explained.StatusCode);
        using (var problem = JsonDocument.Parse(await explained.Content.ReadAsStringAsync()))
            Assert.Contains("re-import it with 'predictor import --mlnet resistance.zip --data", problem.RootElement.GetProperty("error").GetString()!, StringComparison.Ordinal);

        using var call = await host.Client.PostAsync("/cds-services/hcc-resistance-patient-view", Json(File.ReadAllText(FixtureFiles.PatientViewRequest)));
        string text = await call.Content.ReadAsStringAsync();
        Assert.True(call.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        string detail = doc.RootElement.GetProperty("cards")[0].GetProperty("detail").GetString()!;
        Assert.Contains("What drives this score cannot be shown", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("What drives it most", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("predictor import", detail, StringComparison.Ordinal);
    }
}
