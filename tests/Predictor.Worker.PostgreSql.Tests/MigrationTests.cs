using Npgsql;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Schema;
using Predictor.Worker.PostgreSql.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

[Collection(FleetCollection.Name)]
public sealed class MigrationTests(SharedCluster shared)
{
    [PeerFact(Peers.PostgreSql)]
    public async Task A_fresh_database_gets_every_migration_once_and_a_second_run_applies_nothing()
    {
        await using var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        var first = await SchemaMigrator.MigrateAsync(database);
        var second = await SchemaMigrator.MigrateAsync(database);

        Assert.Equal(Enumerable.Range(1, SchemaMigrator.LatestKnownVersion), first);
        Assert.Empty(second);
        Assert.Equal(SchemaMigrator.LatestKnownVersion, await Scalar<long>(database, "SELECT count(*) FROM schema_version"));
        // The tables the fleet uses exist.
        foreach (string table in new[] { "jobs", "job_chunks", "predictions", "models", "model_activations", "audit" })
            Assert.Equal(0L, await Scalar<long>(database, $"SELECT count(*) FROM {table}"));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Replicas_migrating_at_the_same_time_apply_each_migration_exactly_once()
    {
        string connection = await shared.Cluster.CreateDatabaseAsync();
        var databases = Enumerable.Range(0, 6).Select(_ => new FleetDatabase(connection)).ToList();
        try
        {
            var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => SchemaMigrator.MigrateAsync(d))));

            Assert.Equal(1, applied.Count(a => a.Count > 0));
            Assert.Equal(SchemaMigrator.LatestKnownVersion, await Scalar<long>(databases[0], "SELECT count(*) FROM schema_version"));
        }
        finally
        {
            foreach (var d in databases) await d.DisposeAsync();
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_schema_newer_than_the_build_is_refused_with_one_line_naming_both_versions()
    {
        await using var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database);
        int newer = SchemaMigrator.LatestKnownVersion + 1;
        await Scalar<int>(database, $"INSERT INTO schema_version (version, name) VALUES ({newer}, 'from_the_future') RETURNING version");

        var error = await Assert.ThrowsAsync<FleetDatabaseException>(() => SchemaMigrator.MigrateAsync(database));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({SchemaMigrator.LatestKnownVersion})", error.Message, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task An_unreachable_server_is_one_line_naming_it()
    {
        int closedPort = ClosedPort();
        await using var database = new FleetDatabase($"Host=127.0.0.1;Port={closedPort};Username=predictor;Database=fleet;Timeout=2");

        var error = await Assert.ThrowsAsync<FleetDatabaseException>(() => SchemaMigrator.MigrateAsync(database));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"127.0.0.1:{closedPort}/fleet", error.Message, StringComparison.Ordinal);
    }

    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task<T> Scalar<T>(FleetDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
