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
    public async Task A_job_half_done_under_schema_version_2_finishes_under_3_and_the_3_script_can_run_twice()
    {
        string connection = await shared.Cluster.CreateDatabaseAsync();
        await using var database = new FleetDatabase(connection);
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            // As a version-2 fleet left it: chunk 0 done, chunk 1 leased by a worker that died, chunk 2 pending.
            await Execute(raw, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            foreach (var migration in SchemaMigrator.Known.Take(2))
            {
                await Execute(raw, migration.Sql);
                await Execute(raw, $"INSERT INTO schema_version VALUES ({migration.Version}, '{migration.Name}')");
            }
            await Execute(raw, """
                INSERT INTO jobs VALUES ('22222222-2222-2222-2222-222222222222', 'old.csv', 'tests', now(), 3, 1, 3);
                INSERT INTO job_chunks (job_id, chunk_no, row_count, source_rows, input, state, lease_owner, lease_until, attempts)
                VALUES ('22222222-2222-2222-2222-222222222222', 0, 1, '{1}', '', 'done', NULL, NULL, 1),
                       ('22222222-2222-2222-2222-222222222222', 1, 1, '{2}', 'x', 'leased', 'dead:1:abc', now() - interval '1 minute', 1),
                       ('22222222-2222-2222-2222-222222222222', 2, 1, '{3}', 'x', 'pending', NULL, NULL, 0);
                INSERT INTO job_row_errors VALUES ('22222222-2222-2222-2222-222222222222', 4, 'sex', 'not a level');
                """);
        }

        Assert.Equal(Enumerable.Range(3, SchemaMigrator.LatestKnownVersion - 2), await SchemaMigrator.MigrateAsync(database));
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            await Execute(raw, SchemaMigrator.Known[2].Sql); // idempotent: a second run changes nothing and fails nothing
        }

        var store = new Predictor.Worker.PostgreSql.Jobs.JobStore(database);
        var jobId = Guid.Parse("22222222-2222-2222-2222-222222222222");
        var progress = (await store.ProgressAsync(jobId))!;
        Assert.Equal(("running", 1, 0), (progress.State, progress.ChunksDone, progress.FailedChunks.Count));
        var taken = (await store.TryLeaseAsync("new", TimeSpan.FromMinutes(1), 3))!; // the dead worker's chunk, attempt 2
        Assert.Equal((1, 2), (taken.ChunkNo, taken.Attempt));
        Assert.Equal("failed", await store.FailAsync("new", taken, "boom", maxAttempts: 2));
        Assert.Equal(Predictor.Worker.PostgreSql.Jobs.CancelOutcome.Cancelled, await store.CancelAsync(jobId, "tests"));
        progress = (await store.ProgressAsync(jobId))!;
        Assert.Equal(("cancelled", 1, 1), (progress.State, progress.FailedChunks.Count, progress.ChunksCancelled));
        var errors = new List<Predictor.Worker.PostgreSql.Jobs.RowError>();
        await foreach (var error in store.ReadErrorsAsync(jobId)) errors.Add(error);
        Assert.Equal(new Predictor.Worker.PostgreSql.Jobs.RowError(4, null, "sex", "not a level"), Assert.Single(errors)); // no line before version 3
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Predictions_of_schema_version_3_keep_their_model_version_and_audit_answers_through_5_and_the_5_script_can_run_twice()
    {
        string connection = await shared.Cluster.CreateDatabaseAsync();
        await using var database = new FleetDatabase(connection);
        string v1 = new('1', 64), v2 = new('2', 64);
        const string Trail = "SELECT string_agg(concat_ws('|', request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant), E'\\n' ORDER BY request_id, item) FROM audit_trail";
        string before;
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            // As a version-3 fleet left it: two chunks scored by two model versions (audited by id and by hash), and
            // one chunk whose version was never recorded on the chunk (only in its rows).
            await Execute(raw, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            foreach (var migration in SchemaMigrator.Known.Take(3))
            {
                await Execute(raw, migration.Sql);
                await Execute(raw, $"INSERT INTO schema_version VALUES ({migration.Version}, '{migration.Name}')");
            }
            await Execute(raw, $$"""
                INSERT INTO jobs VALUES ('33333333-3333-3333-3333-333333333333', 'old.csv', 'tests', now(), 4, 0, 3);
                INSERT INTO job_chunks (job_id, chunk_no, row_count, source_rows, input, state, completed_at, model_version, audit_refs)
                VALUES ('33333333-3333-3333-3333-333333333333', 0, 2, '{1,2}', '', 'done', now(), '{{v1}}', 'id'),
                       ('33333333-3333-3333-3333-333333333333', 1, 1, '{3}', '', 'done', now(), '{{v2}}', 'hash'),
                       ('33333333-3333-3333-3333-333333333333', 2, 1, '{4}', '', 'done', now(), NULL, 'id');
                INSERT INTO predictions (job_id, source_row, patient_id, probability, predicted_resistant, model_version, chunk_no, patient_ref_hash)
                VALUES ('33333333-3333-3333-3333-333333333333', 1, 'A1', 0.25, false, '{{v1}}', 0, NULL),
                       ('33333333-3333-3333-3333-333333333333', 2, 'A2', 0.75, true, '{{v1}}', 0, NULL),
                       ('33333333-3333-3333-3333-333333333333', 3, 'A3', 0.5, true, '{{v2}}', 1, 'h-A3'),
                       ('33333333-3333-3333-3333-333333333333', 4, 'A4', 0.125, false, '{{v2}}', 2, NULL);
                INSERT INTO audit VALUES ('req-1', 0, now(), 'http', NULL, '{{v1}}', 'A2', false, 0.5, false);
                """);
            await using var read = new NpgsqlCommand(Trail, raw);
            before = (string)(await read.ExecuteScalarAsync())!;
        }

        Assert.Equal(Enumerable.Range(4, SchemaMigrator.LatestKnownVersion - 3), await SchemaMigrator.MigrateAsync(database));
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            await Execute(raw, SchemaMigrator.Known[4].Sql); // idempotent: the column is gone, nothing fails, nothing changes
            await using var read = new NpgsqlCommand(Trail, raw);
            Assert.Equal(before, (string)(await read.ExecuteScalarAsync())!); // the audit trail answers the same, row for row
        }
        Assert.Equal(0L, await Scalar<long>(database,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'predictions' AND column_name = 'model_version'"));
        var store = new Predictor.Worker.PostgreSql.Jobs.JobStore(database);
        var rows = new List<Predictor.Worker.PostgreSql.Jobs.JobPrediction>();
        await foreach (var row in store.ReadPredictionsAsync(Guid.Parse("33333333-3333-3333-3333-333333333333"))) rows.Add(row);
        Assert.Equal([v1, v1, v2, v2], rows.Select(r => r.ModelVersion));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.SourceRow));
        var audit = new Predictor.Worker.PostgreSql.Audit.AuditStore(database);
        Assert.Equal(v2, Assert.Single(await audit.ForPatientAsync("h-A3")).ModelVersion);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task The_audit_of_schema_version_5_answers_the_same_through_6_which_admits_inbox_rows_and_the_6_script_can_run_twice()
    {
        string connection = await shared.Cluster.CreateDatabaseAsync();
        await using var database = new FleetDatabase(connection);
        string v1 = new('1', 64);
        const string Trail = "SELECT string_agg(concat_ws('|', request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant), E'\\n' ORDER BY request_id, item) FROM audit_trail";
        const string InboxRow = "INSERT INTO audit VALUES ('inbox-req', 3, now(), 'inbox', NULL, 'v', 'B7', false, 0.375, false)";
        string before;
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            // As a version-5 fleet left it: an HTTP answer and an audited job chunk; 'inbox' is not a channel yet.
            await Execute(raw, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            foreach (var migration in SchemaMigrator.Known.Take(5))
            {
                await Execute(raw, migration.Sql);
                await Execute(raw, $"INSERT INTO schema_version VALUES ({migration.Version}, '{migration.Name}')");
            }
            await Execute(raw, $$"""
                INSERT INTO jobs VALUES ('55555555-5555-5555-5555-555555555555', 'old.csv', 'tests', now(), 1, 0, 1);
                INSERT INTO job_chunks (job_id, chunk_no, row_count, source_rows, input, state, completed_at, model_version, audit_refs)
                VALUES ('55555555-5555-5555-5555-555555555555', 0, 1, '{1}', '', 'done', now(), '{{v1}}', 'id');
                INSERT INTO predictions (job_id, source_row, patient_id, probability, predicted_resistant, chunk_no)
                VALUES ('55555555-5555-5555-5555-555555555555', 1, 'B7', 0.625, true, 0);
                INSERT INTO audit VALUES ('req-1', 0, now(), 'http', NULL, '{{v1}}', 'B7', false, 0.5, false);
                """);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(raw, InboxRow));
            Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
            await using var read = new NpgsqlCommand(Trail, raw);
            before = (string)(await read.ExecuteScalarAsync())!;
        }

        Assert.Equal(Enumerable.Range(6, SchemaMigrator.LatestKnownVersion - 5), await SchemaMigrator.MigrateAsync(database));
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            await Execute(raw, SchemaMigrator.Known[5].Sql); // idempotent: the same check and view again, nothing fails
            await using (var read = new NpgsqlCommand(Trail, raw))
            {
                Assert.Equal(before, (string)(await read.ExecuteScalarAsync())!); // what was there answers the same, row for row
            }
            await Execute(raw, InboxRow);
            var bogus = await Assert.ThrowsAsync<PostgresException>(() => Execute(raw, "INSERT INTO audit VALUES ('x', 0, now(), 'email', NULL, 'v', 'B7', false, 0.5, false)"));
            Assert.Equal(PostgresErrorCodes.CheckViolation, bogus.SqlState); // still a closed list
        }
        var records = await new Predictor.Worker.PostgreSql.Audit.AuditStore(database).ForPatientAsync("B7");
        Assert.Equal(
            [Predictor.Worker.PostgreSql.Audit.AuditChannel.Http, Predictor.Worker.PostgreSql.Audit.AuditChannel.Job, Predictor.Worker.PostgreSql.Audit.AuditChannel.Inbox],
            records.Select(r => r.Channel).Order());
        Assert.Equal(0.375, records.Single(r => r.Channel == Predictor.Worker.PostgreSql.Audit.AuditChannel.Inbox).Probability);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
    public async Task A_patient_is_looked_up_through_an_index_on_each_half_of_the_audit_trail()
    {
        await using var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database);
        await using (var raw = await database.OpenAsync(CancellationToken.None))
        {
            // 50,000 job predictions (every tenth patient's reference a keyed hash) and 50,000 HTTP audit rows.
            await Execute(raw, """
                INSERT INTO jobs (job_id, source, submitted_by, total_rows, rejected_rows, chunk_count)
                VALUES ('00000000-0000-0000-0000-000000000001', 'registry.csv', 'test', 50000, 0, 1);
                INSERT INTO job_chunks (job_id, chunk_no, row_count, source_rows, input, state, completed_at, model_version, audit_refs)
                VALUES ('00000000-0000-0000-0000-000000000001', 0, 50000, '{}', '', 'done', now(), 'v1', 'id');
                INSERT INTO predictions (job_id, source_row, patient_id, probability, predicted_resistant, chunk_no, patient_ref_hash)
                SELECT '00000000-0000-0000-0000-000000000001', g, 'P' || g, 0.5, false, 0, CASE WHEN g % 10 = 0 THEN 'h-' || g END
                  FROM generate_series(1, 50000) g;
                INSERT INTO audit SELECT 'req-' || g, 0, now(), 'http', NULL, 'v1', 'P' || g, false, 0.25, false FROM generate_series(1, 50000) g;
                ANALYZE predictions; ANALYZE audit; ANALYZE job_chunks;
                """);
            await using var explain = new NpgsqlCommand("EXPLAIN " + Audit.AuditStore.PatientQuery, raw);
            explain.Parameters.Add(new NpgsqlParameter { Value = "P77" });
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            string text = string.Join("\n", plan);
            Assert.True(text.Contains("using predictions_patient_ref on predictions", StringComparison.Ordinal) && text.Contains("using audit_patient on audit", StringComparison.Ordinal)
                && !text.Contains("Seq Scan on predictions", StringComparison.Ordinal) && !text.Contains("Seq Scan on audit ", StringComparison.Ordinal), text);
        }
        var store = new Audit.AuditStore(database);
        Assert.Equal([Audit.AuditChannel.Http, Audit.AuditChannel.Job], (await store.ForPatientAsync("P77")).Select(r => r.Channel).Order());
        var hashed = Assert.Single(await store.ForPatientAsync("h-70"));
        Assert.Equal((Audit.AuditChannel.Job, 70), (hashed.Channel, hashed.Item));
        // Under its id, patient 70 has only its HTTP row: the job recorded it by its keyed hash.
        Assert.Equal(Audit.AuditChannel.Http, Assert.Single(await store.ForPatientAsync("P70")).Channel);
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
