using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Models;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>Three worker processes on one database: a killed worker's chunks, and one model for all.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetProcessTests(SharedCluster shared, ITestOutputHelper output)
{
    private const int Copies = 60; // 60 x 5,000 = 300,000 patients

    [PeerFact(Peers.PostgreSql)]
    public async Task Three_workers_one_killed_mid_job_and_restarted_score_every_patient_exactly_once()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        string root = RepoPaths.TempDirectory();
        string file = Path.Combine(root, "registry.csv");
        WriteCopies(file);
        var expected = ReferenceScores.ForCsv(RepoPaths.Data("cohort-5000.csv"), WorkerHost.BundledModel);
        string[] settings = ["--Worker:Jobs:ChunkRows=2000", "--Worker:Jobs:Concurrency=1"];
        var workers = new List<WorkerProcess>();
        try
        {
            for (int i = 0; i < 3; i++) workers.Add(await WorkerProcess.StartAsync(root, connectionString, settings));
            var submitted = await workers[0].Client.PostAsJsonAsync("/v1/jobs", new { path = file });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, submitted.StatusCode);
            var job = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
            var jobId = job.GetProperty("jobId").GetGuid();
            // Answered once the first part is stored: the totals are final once the submit has stored the rest.
            Assert.Contains(job.GetProperty("state").GetString(), new[] { "submitting", "queued", "running" });

            // Kill the victim while it holds a lease, after it has committed at least one chunk. A chunk takes
            // milliseconds, so the victim is paused first and its leases read once any commit in flight has landed:
            // killing on the first sight of a lease raced the victim finishing that chunk.
            var victim = workers[1];
            string owner = $"%:{victim.ProcessId.ToString(CultureInfo.InvariantCulture)}:%";
            await using var db = NpgsqlDataSource.Create(connectionString);
            var abandoned = new List<int>();
            for (int attempt = 0; attempt < 20 && abandoned.Count == 0; attempt++)
            {
                await WorkerHost.WaitUntilAsync(async () =>
                    await Count(db, "SELECT count(*) FROM job_chunks WHERE state = 'done' AND completed_by LIKE $1", owner) > 0
                    && await Count(db, "SELECT count(*) FROM job_chunks WHERE state = 'leased' AND lease_owner LIKE $1", owner) > 0,
                    "the victim to commit a chunk and hold another", 60);
                victim.Pause();
                await Task.Delay(300);
                abandoned = await Chunks(db, "SELECT chunk_no FROM job_chunks WHERE state = 'leased' AND lease_owner LIKE $1", owner);
                if (abandoned.Count == 0) victim.Resume();
            }
            victim.Kill();
            Assert.NotEmpty(abandoned);
            output.WriteLine($"killed worker {victim.ProcessId} holding chunks {string.Join(",", abandoned)}");
            workers[1] = await WorkerProcess.StartAsync(root, connectionString, settings);
            victim.Dispose();

            await WorkerHost.WaitUntilAsync(async () =>
            {
                var status = JsonDocument.Parse(await workers[2].Client.GetStringAsync($"/v1/jobs/{jobId}")).RootElement;
                return status.GetProperty("state").GetString() == "completed";
            }, "the job to complete", 120);
            var final = JsonDocument.Parse(await workers[2].Client.GetStringAsync($"/v1/jobs/{jobId}")).RootElement;
            Assert.Equal(Copies * 5000, final.GetProperty("totalRows").GetInt32());
            Assert.Equal(150, final.GetProperty("chunks").GetInt32());

            Assert.Equal(Copies * 5000L, await Count(db, "SELECT count(*) FROM predictions WHERE job_id::text <> $1", ""));
            Assert.Equal(Copies * 5000L, await Count(db, "SELECT count(DISTINCT source_row) FROM predictions WHERE job_id::text <> $1", ""));
            Assert.Equal(150L, await Count(db, "SELECT count(*) FROM job_chunks WHERE state = 'done' AND completed_by IS NOT NULL AND completed_by <> $1", ""));
            // The abandoned chunks were finished by a live worker after their lease ran out.
            foreach (int chunk in abandoned)
            {
                Assert.Equal(1L, await Count(db,
                    $"SELECT count(*) FROM job_chunks WHERE chunk_no = {chunk} AND attempts >= 2 AND completed_by NOT LIKE $1", owner));
            }
            // Every patient once in the audit trail too, and no feature values anywhere in it (only its fixed columns).
            Assert.Equal(Copies * 5000L, await Count(db, "SELECT count(*) FROM audit_trail WHERE request_id LIKE $1", "job:%"));
            Assert.Equal(Copies * 5000L, await Count(db, "SELECT count(DISTINCT item) FROM audit_trail WHERE channel = 'job' AND request_id LIKE $1", "job:%"));

            // The fetched results hold every row once, with the reference probability of the patient it copies.
            var csv = (await workers[0].Client.GetStringAsync($"/v1/jobs/{jobId}/results?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("patient_id,source_row,probability,predicted_resistant,model_version", csv[0]);
            Assert.Equal(Copies * 5000, csv.Length - 1);
            var seen = new HashSet<int>();
            foreach (string line in csv.Skip(1))
            {
                var cells = line.Split(',');
                Assert.True(seen.Add(int.Parse(cells[1], CultureInfo.InvariantCulture)));
                string original = cells[0][..cells[0].LastIndexOf('~')];
                Assert.Equal(expected[original], double.Parse(cells[2], CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_worker_killed_while_submitting_leaves_a_failed_job_whose_stored_rows_were_each_scored_at_most_once()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        string root = RepoPaths.TempDirectory();
        string csv = Path.Combine(root, "registry.csv");
        WriteCopies(csv);
        string parquet = Path.Combine(root, "registry.parquet");
        ParquetFixtures.FromCsv(csv, parquet, rowGroupSize: 2500); // 120 parts, each stored in its own transaction
        var expected = ReferenceScores.ForCsv(RepoPaths.Data("cohort-5000.csv"), WorkerHost.BundledModel);
        string[] settings = ["--Worker:Jobs:ChunkRows=2500", "--Worker:Jobs:Concurrency=1", "--Worker:Jobs:LeaseDuration=00:00:02"];
        var workers = new List<WorkerProcess>();
        try
        {
            for (int i = 0; i < 2; i++) workers.Add(await WorkerProcess.StartAsync(root, connectionString, settings));
            var submitted = await workers[0].Client.PostAsJsonAsync("/v1/jobs", new { path = parquet });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, submitted.StatusCode);
            var job = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
            var jobId = job.GetProperty("jobId").GetGuid();
            Assert.Equal("submitting", job.GetProperty("state").GetString());

            workers[0].Pause(); // frozen mid-submit: the check below cannot race the rest of the file being stored
            await using var db = NpgsqlDataSource.Create(connectionString);
            Assert.Equal(1L, await Count(db, "SELECT count(*) FROM jobs WHERE submit_state = $1", "submitting")); // still reading
            workers[0].Kill();
            output.WriteLine($"killed the submitting worker with {await Count(db, "SELECT count(*) FROM job_chunks WHERE job_id::text <> $1", "")} chunks stored");

            await WorkerHost.WaitUntilAsync(async () =>
                JsonDocument.Parse(await workers[1].Client.GetStringAsync($"/v1/jobs/{jobId}")).RootElement.GetProperty("state").GetString() == "failed",
                "the abandoned submit to fail the job", 60);
            var status = JsonDocument.Parse(await workers[1].Client.GetStringAsync($"/v1/jobs/{jobId}")).RootElement;
            Assert.Equal(Predictor.Worker.PostgreSql.Jobs.JobSubmitStore.AbandonedReason, status.GetProperty("submitError").GetString());
            int chunks = status.GetProperty("chunks").GetInt32();
            Assert.InRange(chunks, 1, 119); // part of the file was stored, not all of it
            // Nothing left to lease; every stored chunk was either scored once or cancelled.
            Assert.Equal(0L, await Count(db, "SELECT count(*) FROM job_chunks WHERE state NOT IN ('done', 'cancelled') AND job_id::text <> $1", ""));
            long scoredRows = await Count(db, "SELECT coalesce(sum(row_count), 0) FROM job_chunks WHERE state = 'done' AND job_id::text <> $1", "");
            Assert.Equal(scoredRows, await Count(db, "SELECT count(*) FROM predictions WHERE job_id::text <> $1", ""));
            Assert.Equal(scoredRows, await Count(db, "SELECT count(DISTINCT source_row) FROM predictions WHERE job_id::text <> $1", ""));
            Assert.Equal(scoredRows, status.GetProperty("rowsScored").GetInt64());

            // What was scored can be fetched (the job has finished), each row with its reference probability.
            var rows = (await workers[1].Client.GetStringAsync($"/v1/jobs/{jobId}/results?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(scoredRows, rows.Length - 1);
            foreach (string line in rows.Skip(1))
            {
                var cells = line.Split(',');
                Assert.Equal(expected[cells[0][..cells[0].LastIndexOf('~')]], double.Parse(cells[2], CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task An_activation_and_a_rollback_are_served_by_all_three_workers_within_seconds()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        string root = RepoPaths.TempDirectory();
        var workers = new List<WorkerProcess>();
        try
        {
            for (int i = 0; i < 3; i++) workers.Add(await WorkerProcess.StartAsync(root, connectionString));
            await using var database = new FleetDatabase(connectionString);
            var registry = new ModelRegistry(database);
            var (bundled, _) = await registry.PushAsync(await File.ReadAllBytesAsync(WorkerHost.BundledModel), 2, "{}", "tests");
            var (shifted, added) = await registry.PushAsync(
                System.Text.Encoding.UTF8.GetBytes(TestModels.Shifted(WorkerHost.BundledModel, 0.7)), 2, "{\"note\":\"shifted\"}", "tests");
            Assert.True(added);
            Assert.NotEqual(bundled, shifted);
            await registry.ActivateAsync(bundled, "tests");

            await registry.ActivateAsync(shifted[..10], "tests");
            await AllServe(workers, shifted);
            Assert.Equal(bundled, await registry.RollbackAsync("tests"));
            await AllServe(workers, bundled);
            Assert.Equal(shifted, (await registry.ListAsync()).Single(m => m.Version == shifted).Version);
            Assert.True((await registry.ListAsync()).Single(m => m.Version == bundled).IsActive);
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AllServe(List<WorkerProcess> workers, string version)
    {
        var started = DateTime.UtcNow;
        foreach (var worker in workers)
        {
            await WorkerHost.WaitUntilAsync(async () =>
                JsonDocument.Parse(await worker.Client.GetStringAsync("/v1/model")).RootElement.GetProperty("version").GetString() == version,
                $"worker on port {worker.Port} to serve {version[..12]}", 15);
        }
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
    }

    private static void WriteCopies(string path)
    {
        var rows = Cohorts.Rows(5000);
        using var writer = new StreamWriter(path);
        writer.Write(Cohorts.Header + "\n");
        for (int copy = 0; copy < Copies; copy++)
        {
            foreach (string row in rows)
            {
                int comma = row.IndexOf(',', StringComparison.Ordinal);
                writer.Write(row[..comma]);
                writer.Write('~');
                writer.Write(copy.ToString(CultureInfo.InvariantCulture));
                writer.Write(row.AsSpan(comma));
                writer.Write('\n');
            }
        }
    }

    private static async Task<long> Count(NpgsqlDataSource db, string sql, string parameter)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<int>> Chunks(NpgsqlDataSource db, string sql, string parameter)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var chunks = new List<int>();
        while (await reader.ReadAsync()) chunks.Add(reader.GetInt32(0));
        return chunks;
    }
}
