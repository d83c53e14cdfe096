using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

public sealed partial class ModelReloadTests
{
    [GeneratedRegex("\"baseScore\": ?[^,]+")]
    private static partial Regex BaseScore();

    private static void ReplaceByRename(string modelPath, string json)
    {
        string staged = modelPath + ".new";
        File.WriteAllText(staged, json);
        File.Move(staged, modelPath, overwrite: true);
    }

    private static async Task<string> CurrentVersion(WorkerHost host)
    {
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/v1/model"));
        return doc.RootElement.GetProperty("version").GetString()!;
    }

    [Fact]
    public async Task Replacing_the_model_under_load_swaps_versions_without_failing_a_request()
    {
        await using var host = await WorkerHost.StartAsync();
        string before = await CurrentVersion(host);
        string body = Cohorts.ToJsonObject(Cohorts.Rows(1)[0]);
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        int failures = 0;
        async Task Load()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await host.Client.PostAsync("/v1/score", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
                else seen.AddOrUpdate(response.Headers.GetValues("X-Model-Version").Single(), 1, (_, n) => n + 1);
            }
        }
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(Load)).ToList();
        await Task.Delay(200);
        ReplaceByRename(host.ModelPath, TestModels.Shifted(host.ModelPath, 1.25));
        await WorkerHost.WaitUntil(() => CurrentVersion(host).Result != before, "the new model");
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Equal(0, failures);
        string after = await CurrentVersion(host);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(host.ModelPath))), after);
        Assert.True(seen.ContainsKey(before) && seen.ContainsKey(after), "requests were answered by both models");
    }

    [Fact]
    public async Task A_bad_replacement_is_rejected_and_the_old_model_keeps_serving()
    {
        await using var host = await WorkerHost.StartAsync();
        string before = await CurrentVersion(host);
        File.Copy(host.ModelPath, host.ModelPath + ".good");
        // A checksummed model whose schema names a column outside the contract.
        string good = File.ReadAllText(host.ModelPath);
        ReplaceByRename(host.ModelPath, TestModels.Renamed(host.ModelPath, "p_akt_hscore", "shoe_size"));
        await Task.Delay(800); // several poll intervals: long enough for a (wrong) swap to have happened
        Assert.Equal(before, await CurrentVersion(host));
        using var response = await host.Client.PostAsync("/v1/score",
            new StringContent(Cohorts.ToJsonObject(Cohorts.Rows(1)[0]), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Tampered: a value edited by hand without the checksum, which the worker must notice.
        ReplaceByRename(host.ModelPath, BaseScore().Replace(good, "\"baseScore\": 2.5", 1));
        await Task.Delay(800);
        Assert.Equal(before, await CurrentVersion(host));

        ReplaceByRename(host.ModelPath, TestModels.Shifted(host.ModelPath + ".good", -0.5));
        await WorkerHost.WaitUntil(() => CurrentVersion(host).Result != before, "a later good model");
    }

    [Fact]
    public async Task Removing_the_model_file_is_logged_once_and_the_loaded_model_keeps_serving()
    {
        await using var host = await WorkerHost.StartAsync();
        string version = await CurrentVersion(host);
        File.Delete(host.ModelPath);
        await WorkerHost.WaitUntil(() => host.Log.Entries.Any(e => e.Event.Id == 1003), "the removal to be logged");
        var logged = Assert.Single(host.Log.Entries, e => e.Event.Id == 1003);
        Assert.Contains(host.ModelPath, logged.Message, StringComparison.Ordinal);
        Assert.Contains(version[..12], logged.Message, StringComparison.Ordinal);
        Assert.Equal(version, await CurrentVersion(host));
        using var response = await host.Client.PostAsync("/v1/score", new StringContent(Cohorts.ToJsonObject(Cohorts.Rows(1)[0]), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Later polls do not repeat the line.
        await Task.Delay(600);
        Assert.Single(host.Log.Entries, e => e.Event.Id == 1003);
    }
}
