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
        var expected = ReferenceScores.ForCsv(csv, host.ModelPath);

        using var single = await host.Client.PostAsync("/v1/score", Json(Cohorts.ToJsonObject(rows[0])));
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        using var one = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        var result = one.RootElement.GetProperty("results")[0];
        string id = result.GetProperty("patientId").GetString()!;
        double p = result.GetProperty("probability").GetDouble();
        Assert.Equal(expected[id], p);
        Assert.Equal(p >= 0.5, result.GetProperty("resistant").GetBoolean());

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
    [InlineData("{\"patient_id\":\"X\"}", HttpStatusCode.UnprocessableEntity)]
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
    public async Task Model_endpoint_reports_the_file_checksum_and_schema()
    {
        await using var host = await WorkerHost.StartAsync();
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/v1/model"));
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(host.ModelPath)));
        Assert.Equal(sha, doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(sha, doc.RootElement.GetProperty("checksum").GetString());
        Assert.Equal(0.5, doc.RootElement.GetProperty("threshold").GetDouble());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("p_akt_hscore", features);
        Assert.DoesNotContain("patient_id", features);
    }

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
    public async Task Contributions_are_refused_as_not_implemented_rather_than_faked()
    {
        await using var host = await WorkerHost.StartAsync();
        using var response = await host.Client.PostAsync("/v1/score?contributions=3", Json(Cohorts.ToJsonObject(Cohorts.Rows(1)[0])));
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }
}
