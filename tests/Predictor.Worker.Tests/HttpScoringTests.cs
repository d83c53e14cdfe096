using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Predictor.Tests.Common;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

public sealed class HttpScoringTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task One_patient_and_a_batch_score_exactly_like_the_training_library()
    {
        await using var host = await WorkerHost.StartAsync();
        var rows = Cohorts.Rows(40);
        string csv = Path.Combine(host.Root, "expected.csv");
        Cohorts.Write(csv, rows);
        var full = ReferenceScores.Of(csv, host.ModelPath);
        var expected = full.ToDictionary(e => e.Key, e => e.Value.Probability, StringComparer.Ordinal);

        using var single = await host.Client.PostAsync("/v1/score", Json(Cohorts.ToJsonObject(rows[0])));
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        using var one = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        var result = one.RootElement.GetProperty("results")[0];
        string id = result.GetProperty("patientId").GetString()!;
        double p = result.GetProperty("probability").GetDouble();
        Assert.Equal(expected[id], p);
        Assert.Equal(full[id].Resistant, result.GetProperty("predictedResistant").GetBoolean());

        using var batch = await host.Client.PostAsync("/v1/score", Json("[" + string.Join(",", rows.Select(Cohorts.ToJsonObject)) + "]"));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        using var many = JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        var results = many.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(rows.Count, results.Count);
        foreach (var r in results) Assert.Equal(expected[r.GetProperty("patientId").GetString()!], r.GetProperty("probability").GetDouble());
        Assert.Equal(Enumerable.Range(0, rows.Count), results.Select(r => r.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task Bad_patients_in_a_batch_are_listed_and_the_good_ones_scored()
    {
        await using var host = await WorkerHost.StartAsync();
        var rows = Cohorts.Rows(3).Select(Cohorts.ToJsonObject).ToList();
        rows[1] = rows[1].Replace("\"pten_hscore\":", "\"pten_hscore\":999,\"ignored\":", StringComparison.Ordinal);
        using var response = await host.Client.PostAsync("/v1/score", Json("[" + string.Join(",", rows) + "]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([0, 2], doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        var error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal("pten_hscore", error.GetProperty("column").GetString());
        Assert.Contains("out of range", error.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("42", HttpStatusCode.BadRequest)]
    [InlineData("[]", HttpStatusCode.BadRequest)]
    [InlineData("[42]", HttpStatusCode.BadRequest)]
    [InlineData("{\"patient_id\":\"X\"} trailing", HttpStatusCode.BadRequest)]
    [InlineData("[{\"patient_id\":\"X\"}] {}", HttpStatusCode.BadRequest)]
    [InlineData("{\"patient_id\":{\"nested\":1}}", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Unusable_requests_get_a_clear_error(string body, HttpStatusCode status)
    {
        await using var host = await WorkerHost.StartAsync();
        using var response = await host.Client.PostAsync("/v1/score", Json(body));
        Assert.Equal(status, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Request_limits_apply_to_bytes_and_patients()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Http:MaxRequestBytes=4096", "--Worker:Http:MaxPatientsPerRequest=2");
        var rows = Cohorts.Rows(3).Select(Cohorts.ToJsonObject).ToList();
        using var tooMany = await host.Client.PostAsync("/v1/score", Json("[" + string.Join(",", rows) + "]"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using var tooBig = await host.Client.PostAsync("/v1/score", Json("[" + string.Join(",", Enumerable.Repeat(rows[0], 20)) + "]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task Model_endpoint_reports_version_checksum_and_schema()
    {
        await using var host = await WorkerHost.StartAsync();
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/v1/model"));
        var root = doc.RootElement;
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(host.ModelPath)));
        Assert.Equal(sha, root.GetProperty("version").GetString());
        using var file = JsonDocument.Parse(File.ReadAllText(host.ModelPath));
        Assert.Equal(file.RootElement.GetProperty("checksum").GetString(), root.GetProperty("checksum").GetString());
        Assert.Equal(file.RootElement.GetProperty("formatVersion").GetInt32(), root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(3, root.GetProperty("formatVersion").GetInt32()); // the bundled model has linear terms
        var features = root.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("p_akt_hscore", features);
        Assert.DoesNotContain("patient_id", features);
    }

    [Fact]
    public async Task A_calibrated_artifact_scores_calibrated_probabilities_labelled_at_its_threshold()
    {
        await using var host = WorkerHost.Create();
        File.WriteAllText(host.ModelPath, TestModels.WithMetadata(WorkerHost.BundledModel, TestModels.Calibrated));
        await host.StartAppAsync();

        using var model = JsonDocument.Parse(await host.Client.GetStringAsync("/v1/model"));
        var root = model.RootElement;
        Assert.Equal(0.42, root.GetProperty("threshold").GetProperty("value").GetDouble());
        Assert.Equal("youden", root.GetProperty("threshold").GetProperty("rule").GetString());
        Assert.Equal("platt", root.GetProperty("calibration").GetString());
        Assert.Equal("resistant_6m", root.GetProperty("label").GetString());
        Assert.Equal(0.84, root.GetProperty("metrics").GetProperty("cv.auc").GetDouble());
        Assert.Equal(5000, root.GetProperty("data").GetProperty("rows").GetInt64());
        Assert.Equal(2748, root.GetProperty("data").GetProperty("positives").GetInt64());
        Assert.Equal(new string('a', 64), root.GetProperty("data").GetProperty("sha256").GetString());

        var rows = Cohorts.Rows(60);
        string csv = Path.Combine(host.Root, "expected.csv");
        Cohorts.Write(csv, rows);
        var expected = ReferenceScores.Of(csv, host.ModelPath);
        // The cohort must tell the artifact's rule from the defaults: some labels differ at 0.42 vs 0.5, and
        // calibrated probabilities differ from the plain logistic ones.
        Assert.Contains(expected.Values, e => e.Probability is >= 0.42 and < 0.5);
        Assert.Contains(expected.Values, e => Math.Abs(e.Probability - TreeEnsembleSigmoid(e.RawScore)) > 0.01);
        using var batch = await host.Client.PostAsync("/v1/score", Json("[" + string.Join(",", rows.Select(Cohorts.ToJsonObject)) + "]"));
        using var doc = JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        Assert.Equal(0.42, doc.RootElement.GetProperty("threshold").GetDouble());
        foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            var e = expected[r.GetProperty("patientId").GetString()!];
            Assert.Equal(e.Probability, r.GetProperty("probability").GetDouble());
            Assert.Equal(e.Probability >= 0.42, r.GetProperty("predictedResistant").GetBoolean());
        }
    }

    private static double TreeEnsembleSigmoid(double raw) => 1 / (1 + Math.Exp(-raw));

    [Fact]
    public async Task Health_probes_answer_and_the_api_key_guards_v1_only()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Http:ApiKey=s3cret");
        Assert.Equal("live", await host.Client.GetStringAsync("/health/live"));
        await WorkerHost.WaitUntil(() => host.Client.GetAsync("/health/ready").Result.IsSuccessStatusCode, "ready");
        using var without = await host.Client.GetAsync("/v1/model");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/model") { Headers = { { "X-Api-Key", "s3cres" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/v1/model") { Headers = { { "X-Api-Key", "s3cret" } } };
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task Contributions_sum_to_the_raw_score_minus_the_expected_value()
    {
        await using var host = await WorkerHost.StartAsync();
        var rows = Cohorts.Rows(5);
        string csv = Path.Combine(host.Root, "expected.csv");
        Cohorts.Write(csv, rows);
        var expected = ReferenceScores.Of(csv, host.ModelPath);
        int features = Predictor.Scoring.Serialization.ModelJson.ReadFile(host.ModelPath).Features.Count;

        using var all = await host.Client.PostAsync($"/v1/score?contributions={features + 5}", Json("[" + string.Join(",", rows.Select(Cohorts.ToJsonObject)) + "]"));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        using var doc = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        double expectedValue = doc.RootElement.GetProperty("expectedValue").GetDouble();
        foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            var e = expected[r.GetProperty("patientId").GetString()!];
            Assert.Equal(e.RawScore, r.GetProperty("rawScore").GetDouble(), 12);
            var contributions = r.GetProperty("contributions").EnumerateArray().ToList();
            Assert.Equal(features, contributions.Count);
            Assert.Equal(e.RawScore - expectedValue, contributions.Sum(c => c.GetProperty("contribution").GetDouble()), 9);
            var magnitudes = contributions.Select(c => Math.Abs(c.GetProperty("contribution").GetDouble())).ToList();
            Assert.Equal(magnitudes.OrderDescending(), magnitudes);
        }

        using var top = await host.Client.PostAsync("/v1/score?contributions=3", Json(Cohorts.ToJsonObject(rows[0])));
        using var one = JsonDocument.Parse(await top.Content.ReadAsStringAsync());
        var listed = one.RootElement.GetProperty("results")[0].GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(3, listed.Count);
        var sex = Assert.Single(doc.RootElement.GetProperty("results")[0].GetProperty("contributions").EnumerateArray(),
            c => c.GetProperty("feature").GetString() == "sex");
        Assert.Contains(sex.GetProperty("level").GetString(), new[] { "M", "F" });

        using var plain = await host.Client.PostAsync("/v1/score", Json(Cohorts.ToJsonObject(rows[0])));
        using var none = JsonDocument.Parse(await plain.Content.ReadAsStringAsync());
        Assert.False(none.RootElement.GetProperty("results")[0].TryGetProperty("contributions", out _));
        using var bad = await host.Client.PostAsync("/v1/score?contributions=-1", Json(Cohorts.ToJsonObject(rows[0])));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
