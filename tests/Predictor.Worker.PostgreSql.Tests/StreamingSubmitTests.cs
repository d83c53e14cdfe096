using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Predictor.Data.Errors;
using Predictor.Tests.Common;
using Predictor.Worker.Fleet.Jobs;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.PostgreSql.Schema;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>
/// Scoring while submitting: a job's chunks are stored a part at a time and scored at once, the job cannot look
/// finished until the last part is stored, and a submit that fails or is abandoned part-way fails the job.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class StreamingSubmitTests(SharedCluster shared)
{
    private static async Task<JsonElement> Job(WorkerHost host, string id) =>
        JsonDocument.Parse(await host.Client.GetStringAsync($"/v1/jobs/{id}")).RootElement;

    private static async Task<long> Count(string connectionString, string sql)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first part, then (once <paramref name="gate"/> opens) the rest: a reader paused mid-file.</summary>
    private static IEnumerable<SubmitBatch> Paused(SubmitBatch first, SubmitBatch rest, SemaphoreSlim reached, SemaphoreSlim gate)
    {
        yield return first;
        reached.Release();
        if (!gate.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("the test never opened the gate");
        yield return rest;
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_worker_scores_chunks_while_the_submit_is_still_reading_and_the_job_completes_only_when_it_finishes()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={connectionString}", "--Worker:Jobs:PollInterval=00:00:00.100");
        string csv = Path.Combine(host.Root, "paused.csv");
        Cohorts.Write(csv, Cohorts.Rows(5000));
        var expected = ReferenceScores.ForCsv(csv, host.ModelPath);
        var whole = JobSubmitter.Prepare(csv, "paused.csv", parquet: false, chunkRows: 1000, "tests");
        Assert.Equal(5, whole.Chunks.Count);
        var first = new SubmitBatch([.. whole.Chunks.Take(2)], whole.Errors, whole.RejectedRows);
        var rest = new SubmitBatch([.. whole.Chunks.Skip(2)], [], 0);
        using var reached = new SemaphoreSlim(0);
        using var gate = new SemaphoreSlim(0);
        bool fileReleased = false;

        var intake = host.Services.GetRequiredService<JobIntake>();
        var submitting = Task.Run(() => intake.SubmitAsync(Paused(first, rest, reached, gate), "paused.csv", "tests", () => fileReleased = true, CancellationToken.None));
        Assert.True(await reached.WaitAsync(TimeSpan.FromSeconds(60)), "the submit never asked for its second part");

        // The reader is paused after the first part: the worker scores both of its chunks meanwhile.
        string id = (await Count(connectionString, "SELECT count(*) FROM jobs")) == 1
            ? (await ScalarText(connectionString, "SELECT job_id::text FROM jobs"))
            : throw new InvalidOperationException("expected exactly one job");
        await WorkerHost.WaitUntilAsync(async () => (await Job(host, id)).GetProperty("chunksDone").GetInt32() == 2, "the stored chunks to be scored", 60);
        var during = await Job(host, id);
        Assert.Equal((JobStates.Submitting, 2, 2000), (during.GetProperty("state").GetString(), during.GetProperty("chunks").GetInt32(), during.GetProperty("totalRows").GetInt32()));
        Assert.False(submitting.IsCompleted);
        Assert.False(fileReleased);
        using (var early = await host.Client.GetAsync($"/v1/jobs/{id}/results"))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // not finished: the rest of the file is still to come
        }
        await Task.Delay(500); // a worker polling now finds nothing to score, and still must not call the job complete
        Assert.Equal(JobStates.Submitting, (await Job(host, id)).GetProperty("state").GetString());

        gate.Release();
        Assert.Equal(id, (await submitting).ToString()); // answered with the second part read; it is stored in the background
        await WorkerHost.WaitUntilAsync(async () => (await Job(host, id)).GetProperty("state").GetString() == JobStates.Completed, "the job to complete", 60);
        Assert.True(fileReleased);

        var final = await Job(host, id);
        Assert.Equal((5, 5000, 5000L), (final.GetProperty("chunks").GetInt32(), final.GetProperty("totalRows").GetInt32(), final.GetProperty("rowsScored").GetInt64()));
        Assert.Equal(5000L, await Count(connectionString, "SELECT count(DISTINCT source_row) FROM predictions"));
        Assert.Equal(5000L, await Count(connectionString, "SELECT count(*) FROM predictions"));
        var lines = (await host.Client.GetStringAsync($"/v1/jobs/{id}/results?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5001, lines.Length);
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(expected[cells[0]], double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_worker_stopping_mid_submit_fails_the_job_with_the_reason_before_it_exits()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={connectionString}", "--Worker:Jobs:PollInterval=00:00:00.100");
        Task? stopping = null;
        try
        {
            string csv = Path.Combine(host.Root, "stopping.csv");
            Cohorts.Write(csv, Cohorts.Rows(3000));
            var whole = JobSubmitter.Prepare(csv, "stopping.csv", parquet: false, chunkRows: 1000, "tests");
            using var reached = new SemaphoreSlim(0);
            using var gate = new SemaphoreSlim(0);
            IEnumerable<SubmitBatch> Parts()
            {
                yield return new SubmitBatch([whole.Chunks[0]], whole.Errors, whole.RejectedRows);
                yield return new SubmitBatch([whole.Chunks[1]], [], 0);
                reached.Release(); // the third part is being read when the worker is told to stop
                if (!gate.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("the test never opened the gate");
                yield return new SubmitBatch([whole.Chunks[2]], [], 0);
            }

            var jobId = await host.Services.GetRequiredService<JobIntake>().SubmitAsync(Parts(), "stopping.csv", "tests", () => { }, CancellationToken.None);
            Assert.True(await reached.WaitAsync(TimeSpan.FromSeconds(60)), "the submit never read its third part");
            stopping = host.DisposeAsync().AsTask();
            await Task.Delay(200); // the host is stopping while the submit is still reading
            Assert.False(stopping.IsCompleted); // it waits for the submit to record how it ended
            gate.Release();
            await stopping;

            await using var database = new FleetDatabase(connectionString);
            var progress = (await new JobStore(database).ProgressAsync(jobId))!;
            Assert.Equal((JobStates.Failed, "submit did not finish: the worker stopped before the whole file was stored"), (progress.State, progress.SubmitError));
            Assert.Equal(2, progress.ChunkCount); // the third part was never stored
            Assert.Equal(0L, await Count(connectionString, "SELECT count(*) FROM job_chunks WHERE state IN ('pending', 'leased')"));
        }
        finally
        {
            if (stopping is null) await host.DisposeAsync();
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_parquet_file_is_stored_a_row_group_at_a_time_with_row_numbers_and_rejections_of_the_whole_file()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={connectionString}", "--Worker:Jobs:ChunkRows=400", "--Worker:Jobs:PollInterval=00:00:00.100");
        var rows = Cohorts.Rows(5000).ToList();
        // Data row 2,501 (row group 3 of 5) has a bad sex; row 4,001 repeats the id of row 2 (an earlier row group).
        rows[2500] = rows[2500].Replace(",M,", ",X,", StringComparison.Ordinal).Replace(",F,", ",X,", StringComparison.Ordinal);
        string secondId = rows[1].Split(',')[0];
        rows[4000] = secondId + rows[4000][rows[4000].IndexOf(',', StringComparison.Ordinal)..];
        string csv = Path.Combine(host.Root, "groups.csv");
        Cohorts.Write(csv, rows);
        string parquet = Path.Combine(host.Root, "groups.parquet");
        ParquetFixtures.FromCsv(csv, parquet, rowGroupSize: 1000);
        var expected = ReferenceScores.ForCsv(csv, host.ModelPath); // the whole file checked at once

        using var response = await host.Client.PostAsync("/v1/jobs",
            new StringContent(JsonSerializer.Serialize(new { path = parquet }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        await WorkerHost.WaitUntilAsync(async () => (await Job(host, id)).GetProperty("state").GetString() == JobStates.Completed, "the job to complete", 60);

        var job = await Job(host, id);
        Assert.Equal((4998, 2), (job.GetProperty("totalRows").GetInt32(), job.GetProperty("rejectedRows").GetInt32()));
        Assert.Equal(15, job.GetProperty("chunks").GetInt32()); // per row group: 400 + 400 + 200 rows (fewer where rows were left out)
        Assert.Equal(4998, expected.Count);
        var lines = (await host.Client.GetStringAsync($"/v1/jobs/{id}/results?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4999, lines.Length);
        var sourceRows = new List<int>();
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(expected[cells[0]], double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
            sourceRows.Add(int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(Enumerable.Range(1, 5000).Where(r => r is not (2501 or 4001)), sourceRows);
        string errors = await host.Client.GetStringAsync($"/v1/jobs/{id}/errors");
        Assert.Contains("2501,,sex,", errors, StringComparison.Ordinal);
        Assert.Contains("4001,,patient_id,duplicate patient_id (the same identifier is on row 2)", errors, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_file_unreadable_part_way_fails_the_job_with_the_reason_and_nothing_more_is_scored()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={connectionString}", "--Worker:Jobs:ChunkRows=500", "--Worker:Jobs:PollInterval=00:00:00.100");
        string csv = Path.Combine(host.Root, "cohort.csv");
        Cohorts.Write(csv, Cohorts.Rows(5000));
        string parquet = Path.Combine(host.Root, "damaged.parquet");
        ParquetFixtures.FromCsv(csv, parquet, rowGroupSize: 1000);
        ParquetFixtures.DamageRowGroup(parquet, rowGroup: 3); // groups 0-2 read; the fourth cannot be

        using var response = await host.Client.PostAsync("/v1/jobs",
            new StringContent(JsonSerializer.Serialize(new { path = parquet }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode); // the first two row groups were fine
        string id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        await WorkerHost.WaitUntilAsync(async () => (await Job(host, id)).GetProperty("state").GetString() == JobStates.Failed, "the job to fail", 60);

        var job = await Job(host, id);
        string reason = job.GetProperty("submitError").GetString()!;
        Assert.StartsWith("submit did not finish: ", reason, StringComparison.Ordinal);
        Assert.Contains(parquet, reason, StringComparison.Ordinal);
        Assert.Contains("row group 3", reason, StringComparison.Ordinal);
        Assert.Equal(6, job.GetProperty("chunks").GetInt32()); // row groups 0-2 were stored, nothing after
        // Whatever was scored before the failure stays (each row once); nothing is pending or leased any more.
        Assert.Equal(0L, await Count(connectionString, "SELECT count(*) FROM job_chunks WHERE state IN ('pending', 'leased')"));
        long scored = await Count(connectionString, "SELECT count(*) FROM predictions");
        Assert.Equal(scored, await Count(connectionString, "SELECT count(DISTINCT source_row) FROM predictions"));
        Assert.Equal(scored, job.GetProperty("rowsScored").GetInt64());
        Assert.True(scored <= 3000);

        var status = CliFleetTests.Cli("jobs", "status", id, "--worker", host.Client.BaseAddress!.ToString());
        Assert.Equal(0, status.Exit);
        Assert.Contains($"job {id}: failed, ", status.Out, StringComparison.Ordinal);
        Assert.Contains(reason, status.Out, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task An_abandoned_submit_is_failed_by_the_next_worker_looking_for_chunks_and_its_owner_can_store_no_more()
    {
        await using var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database);
        var submits = new JobSubmitStore(database);
        var jobs = new JobStore(database);
        var jobId = Guid.NewGuid();
        SubmitBatch Batch(int from) => new([new ChunkInput([from, from + 1], [1, 2, 3]), new ChunkInput([from + 2, from + 3], [1, 2, 3])], [], 0);

        await submits.BeginAsync(jobId, "dies.parquet", "tests", "submitter", TimeSpan.FromSeconds(1));
        Assert.True(await submits.AppendAsync(jobId, "submitter", Batch(1), TimeSpan.FromSeconds(1)));
        var held = await jobs.TryLeaseAsync("scorer", TimeSpan.FromMinutes(1), 3);
        Assert.NotNull(held);
        Assert.Equal(JobStates.Submitting, (await jobs.ProgressAsync(jobId))!.State);

        await Task.Delay(1500); // the submitter stops renewing (as if killed)
        Assert.Null(await jobs.TryLeaseAsync("other", TimeSpan.FromMinutes(1), 3)); // fails the job; its pending chunk is cancelled

        var progress = (await jobs.ProgressAsync(jobId))!;
        Assert.Equal((JobStates.Failed, JobSubmitStore.AbandonedReason, true), (progress.State, progress.SubmitError, progress.IsFinished));
        Assert.Equal(2, progress.ChunksCancelled);
        Assert.False(await jobs.CompleteAsync("scorer", new ScoredChunk(
            held, new string('a', 64), ["P1", "P2"], [0.1, 0.2], [false, false], null, false, DateTimeOffset.UtcNow))); // refused
        Assert.False(await submits.AppendAsync(jobId, "submitter", Batch(5), TimeSpan.FromSeconds(1)));
        Assert.False(submits.Renew(jobId, "submitter", TimeSpan.FromSeconds(1)));
        Assert.False(await submits.FinishAsync(jobId, "submitter"));
        Assert.Equal((2, JobStates.Failed), ((await jobs.ProgressAsync(jobId))!.ChunkCount, (await jobs.ProgressAsync(jobId))!.State));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_job_still_submitting_is_not_finished_with_every_stored_chunk_scored_and_a_cancel_stops_its_submit()
    {
        await using var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database);
        var submits = new JobSubmitStore(database);
        var jobs = new JobStore(database);
        SubmitBatch Batch(int from) => new([new ChunkInput([from, from + 1], [1, 2, 3])], [new RowError(from + 2, from + 3, "sex", "not a level")], 1);
        ScoredChunk Scored(LeasedChunk c) => new(c, new string('b', 64), [.. c.SourceRows.Select(r => "P" + r)], [0.5, 0.5], [true, true], null, false, DateTimeOffset.UtcNow);

        // Finishes: chunk 0 scored before the submit ends; completed only when it does.
        var done = Guid.NewGuid();
        await submits.BeginAsync(done, "a.csv", "tests", "me", TimeSpan.FromMinutes(1));
        Assert.True(await submits.AppendAsync(done, "me", Batch(1), TimeSpan.FromMinutes(1)));
        Assert.True(await jobs.CompleteAsync("w", Scored((await jobs.TryLeaseAsync("w", TimeSpan.FromMinutes(1), 3))!)));
        var progress = (await jobs.ProgressAsync(done))!;
        Assert.Equal((JobStates.Submitting, false, 1, 1), (progress.State, progress.IsFinished, progress.ChunksDone, progress.ChunkCount));
        Assert.True(await submits.AppendAsync(done, "me", Batch(4), TimeSpan.FromMinutes(1)));
        Assert.False(await submits.AppendAsync(done, "someone else", Batch(7), TimeSpan.FromMinutes(1)));
        Assert.True(await submits.FinishAsync(done, "me"));
        Assert.Equal(JobStates.Running, (await jobs.ProgressAsync(done))!.State); // chunk 1 still to score
        var second = (await jobs.TryLeaseAsync("w", TimeSpan.FromMinutes(1), 3))!;
        Assert.Equal(1, second.ChunkNo); // numbered on from the first part
        Assert.True(await jobs.CompleteAsync("w", Scored(second)));
        progress = (await jobs.ProgressAsync(done))!;
        Assert.Equal((JobStates.Completed, 4, 2), (progress.State, progress.TotalRows, progress.RejectedRows));
        var errors = new List<RowError>();
        await foreach (var error in jobs.ReadErrorsAsync(done)) errors.Add(error);
        Assert.Equal([3, 6], errors.Select(e => e.SourceRow));

        // Cancelled while submitting: not "already finished", and the submit can store nothing more.
        var cancelled = Guid.NewGuid();
        await submits.BeginAsync(cancelled, "b.csv", "tests", "me", TimeSpan.FromMinutes(1));
        Assert.True(await submits.AppendAsync(cancelled, "me", Batch(1), TimeSpan.FromMinutes(1)));
        Assert.True(await jobs.CompleteAsync("w", Scored((await jobs.TryLeaseAsync("w", TimeSpan.FromMinutes(1), 3))!)));
        Assert.Equal(CancelOutcome.Cancelled, await jobs.CancelAsync(cancelled, "tests"));
        Assert.False(await submits.AppendAsync(cancelled, "me", Batch(4), TimeSpan.FromMinutes(1)));
        Assert.False(await submits.FinishAsync(cancelled, "me"));
        progress = (await jobs.ProgressAsync(cancelled))!;
        Assert.Equal((JobStates.Cancelled, 1, 1), (progress.State, progress.ChunkCount, progress.ChunksDone));
    }

    private static async Task<string> ScalarText(string connectionString, string sql)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
