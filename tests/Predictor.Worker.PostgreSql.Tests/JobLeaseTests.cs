using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.PostgreSql.Schema;
using Predictor.Worker.PostgreSql.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>The lease rules on their own: who may take a chunk, and who may commit it.</summary>
[Collection(FleetCollection.Name)]
public sealed class JobLeaseTests(SharedCluster shared)
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
    public async Task Concurrent_leases_never_hand_out_the_same_chunk_and_stop_when_all_are_held()
    {
        var (database, store) = await Fresh();
        await using var _ = database;
        await store.CreateAsync(Job(chunks: 12));

        var leased = await Task.WhenAll(Enumerable.Range(0, 16).Select(w => store.TryLeaseAsync("w" + w, TimeSpan.FromMinutes(1), 3)));

        var taken = leased.Where(l => l is not null).Select(l => l!.ChunkNo).ToList();
        Assert.Equal(12, taken.Count);
        Assert.Equal(12, taken.Distinct().Count());
        Assert.Null(await store.TryLeaseAsync("late", TimeSpan.FromMinutes(1), 3));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task An_expired_lease_goes_to_another_worker_and_the_first_can_no_longer_commit()
    {
        var (database, store) = await Fresh();
        await using var _ = database;
        await store.CreateAsync(Job(chunks: 1));
        var first = await store.TryLeaseAsync("slow", TimeSpan.FromSeconds(1), 3);
        Assert.NotNull(first);
        Assert.Null(await store.TryLeaseAsync("other", TimeSpan.FromMinutes(1), 3));

        await Task.Delay(1500);
        var second = await store.TryLeaseAsync("other", TimeSpan.FromMinutes(1), 3);

        Assert.NotNull(second);
        Assert.Equal(first.ChunkNo, second.ChunkNo);
        Assert.Equal(2, second.Attempt);
        Assert.False(await store.CompleteAsync("slow", Scored(first)));
        Assert.True(await store.CompleteAsync("other", Scored(second)));
        Assert.False(await store.CompleteAsync("other", Scored(second))); // done: nobody holds it any more
        var progress = await store.ProgressAsync(first.JobId);
        Assert.True(progress!.IsFinished);
        Assert.Equal(2, progress.RowsScored);
        var rows = new List<JobPrediction>();
        await foreach (var row in store.ReadPredictionsAsync(first.JobId)) rows.Add(row);
        Assert.Equal(new[] { 1, 2 }, rows.Select(r => r.SourceRow));
    }
}
