using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// A format 3 model (trees on a linear margin) is served like any other: it loads, /v1/model says it has a margin,
/// and HTTP, the CSV inbox and the Parquet inbox score exactly as the scoring library does, with contributions that
/// still add up.
/// </summary>
public sealed class LinearModelTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_model_with_a_linear_margin_scores_over_http_and_through_the_inbox_exactly_as_the_library()
    {
        await using var host = WorkerHost.Create();
        File.WriteAllText(host.ModelPath, TestModels.WithLinearMargin(WorkerHost.BundledModel));
        await host.StartAppAsync();
        var artifact = ModelJson.ReadArtifactFile(host.ModelPath);
        Assert.Equal(4, artifact.Model.Linear!.Terms.Count);

        using (var description = JsonDocument.Parse(await host.Client.GetStringAsync("/v1/model")))
        {
            var root = description.RootElement;
            Assert.Equal(3, root.GetProperty("formatVersion").GetInt32());
            Assert.Equal(4, root.GetProperty("linearTerms").GetInt32());
            Assert.Equal(artifact.Model.Trees.Count, root.GetProperty("trees").GetInt32());
        }

        var rows = Cohorts.Rows(60);
        string csv = Path.Combine(host.Root, "patients.csv");
        Cohorts.Write(csv, rows);
        var expected = ReferenceScores.Of(csv, host.ModelPath);
        // The margin must matter, or agreement would prove nothing about it.
        var treesOnly = ReferenceScores.Of(CohortTable(csv), new ModelArtifact(
            new TreeEnsemble(artifact.Model.Features, artifact.Model.Trees, artifact.Model.BaseScore), artifact.Metadata));
        Assert.All(expected, e => Assert.NotEqual(treesOnly[e.Key].RawScore, e.Value.RawScore));

        int features = artifact.Model.Features.Count;
        using var response = await host.Client.PostAsync($"/v1/score?contributions={features}", Json("[" + string.Join(",", rows.Select(Cohorts.ToJsonObject)) + "]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        double expectedValue = doc.RootElement.GetProperty("expectedValue").GetDouble();
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(rows.Count, results.Count);
        foreach (var r in results)
        {
            var e = expected[r.GetProperty("patientId").GetString()!];
            Assert.Equal(e.Probability, r.GetProperty("probability").GetDouble());
            Assert.Equal(e.Resistant, r.GetProperty("predictedResistant").GetBoolean());
            Assert.Equal(e.RawScore, r.GetProperty("rawScore").GetDouble());
            var contributions = r.GetProperty("contributions").EnumerateArray().ToList();
            Assert.Equal(features, contributions.Count);
            Assert.Equal(e.RawScore - expectedValue, contributions.Sum(c => c.GetProperty("contribution").GetDouble()), 9);
        }

        ParquetFixtures.FromCsv(csv, Path.Combine(host.Root, "patients.parquet"), rowGroupSize: 25);
        File.Copy(csv, Path.Combine(host.Inbox, "patients.csv"));
        File.Copy(Path.Combine(host.Root, "patients.parquet"), Path.Combine(host.Inbox, "patients.parquet"));
        await WorkerHost.WaitUntil(() => Outputs(host, "*__patients.predictions.csv").Length == 1
            && Outputs(host, "*__patients.predictions.parquet").Length == 1, "both predictions");

        var fromCsv = File.ReadAllLines(Outputs(host, "*.predictions.csv").Single()).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => double.Parse(c[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(expected.Count, fromCsv.Count);
        foreach (var (id, e) in expected) Assert.Equal(e.Probability, fromCsv[id]);

        var table = ParquetTableReader.Read(Outputs(host, "*.predictions.parquet").Single());
        Assert.Equal(rows.Count, table.RowCount);
        var ids = (TextColumn)table["patient_id"];
        var probabilities = (NumericColumn)table["probability"];
        for (int r = 0; r < table.RowCount; r++) Assert.Equal(expected[ids[r]!].Probability, probabilities.Values[r]);
        Assert.Empty(Outputs(host, "*.errors.csv"));
    }

    private static string[] Outputs(WorkerHost host, string pattern) => Directory.GetFiles(host.Outbox, pattern);

    private static DataTable CohortTable(string csv) =>
        Predictor.Data.Contract.CohortLoader.LoadCsv(csv, Predictor.Data.Contract.CohortPurpose.Scoring).Table;
}
