using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.PostgreSql.Schema;
using Predictor.Worker.PostgreSql.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>
/// The life of a job's chunks in the store: attempts that end in 'failed', lease renewal, and cancel. (The same seen
/// through a running worker is in <see cref="JobOperatorTests"/>.)
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class JobLifecycleTests(SharedCluster shared)
{
    private static JobSubmission Job(int chunks) => new(
        Guid.NewGuid(), "test.csv", "tests",
        [.. Enumerable.Range(0, chunks).Select(c => new ChunkInput([c * 2 + 1, c * 2 + 2], [1, 2, 3]))], [], 0);

    private static ScoredChunk Scored(LeasedChunk chunk) => new(
        chunk, new string('a', 64), [.. chunk.SourceRows.Select(r => "P" + r)], [.. chunk.SourceRows.Select(r => r / 10.0)],
        [.. chunk.SourceRows.Select(r => r % 2 == 0)], null, false, DateTimeOffset.UtcNow);

    private async Task<(FleetDatabase Database, JobStore Store)> Fresh()
    {
        var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database);
        return (database, new JobStore(database));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_chunk_that_keeps_failing_is_given_up_after_the_last_attempt_and_the_job_ends_with_errors()
    {
        var (database, store) = await Fresh();
        await using var _ = database;
        var job = Job(chunks: 3);
        await store.CreateAsync(job);
        var minute = TimeSpan.FromMinutes(1);

        // Chunk 0 fails twice (max 2); chunks 1 and 2 are scored.
        var first = (await store.TryLeaseAsync("w", minute, 2))!;
        Assert.Equal((0, 1), (first.ChunkNo, first.Attempt));
        Assert.Equal("pending", await store.FailAsync("w", first, "InvalidOperationException: first", 2));
        var second = (await store.TryLeaseAsync("w", minute, 2))!;
        Assert.Equal((0, 2), (second.ChunkNo, second.Attempt));
        Assert.Null(await store.FailAsync("w", first, "stale attempt", 2)); // an old attempt records nothing
        Assert.Equal("failed", await store.FailAsync("w", second, "InvalidOperationException: second", 2));
        Assert.Equal(JobStates.Running, (await store.ProgressAsync(job.JobId))!.State);
        for (int i = 0; i < 2; i++) Assert.True(await store.CompleteAsync("w", Scored((await store.TryLeaseAsync("w", minute, 2))!)));
        Assert.Null(await store.TryLeaseAsync("w", minute, 2)); // the failed chunk is not offered again

        var progress = (await store.ProgressAsync(job.JobId))!;
        Assert.True(progress.IsFinished);
        Assert.Equal(JobStates.CompletedWithErrors, progress.State);
        Assert.Equal((2, 4L, 2L), (progress.ChunksDone, progress.RowsScored, progress.RowsFailed));
        Assert.Equal(new FailedChunk(0, 2, 1, 2, 2, "InvalidOperationException: second"), Assert.Single(progress.FailedChunks));

        // Every chunk failed: the job failed.
        var doomed = Job(chunks: 1);
        await store.CreateAsync(doomed);
        Assert.Equal("failed", await store.FailAsync("w", (await store.TryLeaseAsync("w", minute, 1))!, "boom", 1));
        Assert.Equal(JobStates.Failed, (await store.ProgressAsync(doomed.JobId))!.State);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task An_expired_lease_on_the_last_attempt_is_given_up_instead_of_leased_again()
    {
        var (database, store) = await Fresh();
        await using var _ = database;
        var job = Job(chunks: 1);
        await store.CreateAsync(job);
        var dead = (await store.TryLeaseAsync("dies", TimeSpan.FromMilliseconds(200), 1))!;

        await Task.Delay(600);

        Assert.Null(await store.TryLeaseAsync("other", TimeSpan.FromMinutes(1), 1));
        Assert.False(await store.CompleteAsync("dies", Scored(dead)));
        var progress = (await store.ProgressAsync(job.JobId))!;
        Assert.Equal(JobStates.Failed, progress.State);
        var failed = Assert.Single(progress.FailedChunks);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("lease expired on attempt 1 of 1", failed.Reason, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_renewed_lease_outlives_its_first_deadline_and_a_lost_one_cannot_be_renewed()
    {
        var (database, store) = await Fresh();
        await using var _ = database;
        await store.CreateAsync(Job(chunks: 1));
        var lease = TimeSpan.FromMilliseconds(600);
        var held = (await store.TryLeaseAsync("slow", lease, 3))!;

        for (int i = 0; i < 6; i++) // 1.2 s: twice the lease
        {
            await Task.Delay(200);
            Assert.True(store.Renew("slow", held, lease));
        }
        Assert.Null(await store.TryLeaseAsync("other", lease, 3));
        Assert.True(await store.CompleteAsync("slow", Scored(held)));

        // Not renewed: it expires, another worker takes it, and the first can neither renew nor commit.
        await store.CreateAsync(Job(chunks: 1));
        var lapsed = (await store.TryLeaseAsync("slow", TimeSpan.FromMilliseconds(300), 3))!;
        await Task.Delay(700);
        var taken = (await store.TryLeaseAsync("other", TimeSpan.FromMinutes(1), 3))!;
        Assert.Equal(lapsed.JobId, taken.JobId);
        Assert.False(store.Renew("slow", lapsed, lease));
        Assert.False(await store.CompleteAsync("slow", Scored(lapsed)));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Cancel_stops_unscored_chunks_refuses_an_inflight_commit_and_keeps_what_was_scored()
    {
        var (database, store) = await Fresh();
        await using var _ = database;
        var job = Job(chunks: 3);
        await store.CreateAsync(job);
        var minute = TimeSpan.FromMinutes(1);
        Assert.True(await store.CompleteAsync("w", Scored((await store.TryLeaseAsync("w", minute, 3))!)));
        var inflight = (await store.TryLeaseAsync("w", minute, 3))!;

        Assert.Equal(CancelOutcome.Cancelled, await store.CancelAsync(job.JobId, "operator"));

        Assert.Null(await store.TryLeaseAsync("w", minute, 3)); // chunk 2 is not offered
        Assert.False(store.Renew("w", inflight, minute));
        Assert.False(await store.CompleteAsync("w", Scored(inflight)));
        var progress = (await store.ProgressAsync(job.JobId))!;
        Assert.Equal(JobStates.Cancelled, progress.State);
        Assert.True(progress.IsFinished);
        Assert.Equal((1, 2, "operator"), (progress.ChunksDone, progress.ChunksCancelled, progress.CancelledBy));
        var rows = new List<JobPrediction>();
        await foreach (var row in store.ReadPredictionsAsync(job.JobId)) rows.Add(row);
        Assert.Equal([1, 2], rows.Select(r => r.SourceRow));

        Assert.Equal(CancelOutcome.AlreadyCancelled, await store.CancelAsync(job.JobId, "operator"));
        Assert.Null(await store.CancelAsync(Guid.NewGuid(), "operator"));
        var finished = Job(chunks: 1);
        await store.CreateAsync(finished);
        Assert.True(await store.CompleteAsync("w", Scored((await store.TryLeaseAsync("w", minute, 3))!)));
        Assert.Equal(CancelOutcome.AlreadyFinished, await store.CancelAsync(finished.JobId, "operator"));
        Assert.Equal(JobStates.Completed, (await store.ProgressAsync(finished.JobId))!.State);
    }
}
