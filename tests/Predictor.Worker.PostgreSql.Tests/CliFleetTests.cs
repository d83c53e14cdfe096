using System.Text;
using System.Text.Json;
using Predictor.Cli;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>The fleet verbs of <c>predictor</c> against a real database and a real worker.</summary>
[Collection(FleetCollection.Name)]
public sealed class CliFleetTests(SharedCluster shared)
{
    internal static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = PredictorCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Models_push_activate_rollback_reach_a_running_worker_and_audit_lists_what_it_said()
    {
        string db = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={db}", "--Worker:ModelRegistry:PollInterval=00:00:00.500");
        string shifted = Path.Combine(host.Root, "shifted.model.json");
        await File.WriteAllTextAsync(shifted, TestModels.Shifted(host.ModelPath, 0.9));

        var first = Cli("models", "push", host.ModelPath, "--activate", "--database", db);
        var second = Cli("models", "push", shifted, "--note", "shifted base score", "--database", db);
        Assert.Equal(0, first.Exit);
        Assert.Equal(0, second.Exit);
        string bundledVersion = first.Out.Split(' ', '\n')[1];
        string shiftedVersion = second.Out.Split(' ', '\n')[1];
        Assert.Equal(0, Cli("models", "activate", shiftedVersion[..8], "--database", db).Exit);
        await ServedVersion(host, shiftedVersion);

        string row = Cohorts.Rows(1).Single();
        using var scored = await host.Client.PostAsync("/v1/score", new StringContent(Cohorts.ToJsonObject(row), Encoding.UTF8, "application/json"));
        scored.EnsureSuccessStatusCode();
        string requestId = scored.Headers.GetValues("X-Request-Id").Single();

        var rollback = Cli("models", "rollback", "--database", db);
        Assert.Equal(0, rollback.Exit);
        Assert.Contains(bundledVersion, rollback.Out, StringComparison.Ordinal);
        await ServedVersion(host, bundledVersion);
        var list = Cli("models", "list", "--database", db);
        Assert.Contains("* " + bundledVersion, list.Out, StringComparison.Ordinal);
        Assert.Contains("shifted base score", list.Out, StringComparison.Ordinal);

        string patient = row.Split(',')[0];
        (int Exit, string Out, string Err) audit = default;
        await WorkerHost.WaitUntilAsync(() =>
        {
            audit = Cli("audit", "--patient", patient, "--database", db);
            return Task.FromResult(audit.Out.Contains(requestId, StringComparison.Ordinal));
        }, "the audit row");
        Assert.Equal(0, audit.Exit);
        Assert.Contains(shiftedVersion, audit.Out, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Jobs_submit_wait_and_fetch_give_the_reference_predictions()
    {
        string db = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={db}", "--Worker:Jobs:ChunkRows=250");
        string csv = Path.Combine(host.Root, "batch.csv");
        Cohorts.Write(csv, Cohorts.Rows(600));
        var expected = ReferenceScores.ForCsv(csv, host.ModelPath);
        string url = host.Client.BaseAddress!.ToString();

        var submit = Cli("jobs", "submit", csv, "--wait", "--worker", url);
        Assert.Equal(0, submit.Exit);
        string id = submit.Out.Trim();
        var status = Cli("jobs", "status", id, "--worker", url);
        Assert.Contains("completed, 3/3 chunks, 600/600 rows scored, 0 rejected", status.Out, StringComparison.Ordinal);
        string output = Path.Combine(host.Root, "out.parquet");
        Assert.Equal(0, Cli("jobs", "fetch", id, "--out", output, "--worker", url).Exit);

        var table = ParquetTableReader.Read(output);
        var ids = (TextColumn)table["patient_id"];
        var probabilities = (NumericColumn)table["probability"];
        Assert.Equal(600, table.RowCount);
        for (int r = 0; r < table.RowCount; r++) Assert.Equal(expected[ids[r]!], probabilities[r]);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Fleet_verbs_fail_with_one_line_and_exit_code_2_on_bad_input()
    {
        string db = await shared.Cluster.CreateDatabaseAsync();
        string notAModel = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(notAModel, "{\"formatVersion\": 2}");
        try
        {
            var cases = new[]
            {
                Cli("models", "list", "--database", $"Host=127.0.0.1;Port={MigrationTests.ClosedPort()};Username=predictor;Database=x;Timeout=2"),
                Cli("models", "activate", "abc", "--database", db),
                Cli("models", "rollback", "--database", db),
                Cli("models", "push", notAModel, "--database", db),
                Cli("jobs", "status", Guid.NewGuid().ToString(), "--worker", $"http://127.0.0.1:{MigrationTests.ClosedPort()}"),
            };
            foreach (var (exit, _, err) in cases)
            {
                Assert.Equal(2, exit);
                Assert.StartsWith("error: ", err, StringComparison.Ordinal);
                Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        finally
        {
            File.Delete(notAModel);
        }
    }

    private static Task ServedVersion(WorkerHost host, string version) => WorkerHost.WaitUntilAsync(async () =>
        JsonDocument.Parse(await host.Client.GetStringAsync("/v1/model")).RootElement.GetProperty("version").GetString() == version,
        "the worker to serve " + version[..12]);
}
