using Npgsql;
using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Tests.Common;
using Predictor.Worker.Fleet.Jobs;
using Predictor.Worker.PostgreSql.Audit;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.PostgreSql.Schema;
using Predictor.Worker.PostgreSql.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>How a job is stored: chunk input in binary columnar form, and predictions that are their own audit trail.</summary>
[Collection(FleetCollection.Name)]
public sealed class JobStorageTests(SharedCluster shared)
{
    private const string Version = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_checked_cohort_survives_the_chunk_form_value_for_value_and_a_cut_blob_is_refused()
    {
        var table = CohortLoader.LoadCsv(RepoPaths.Data("cohort-5000.csv"), CohortPurpose.Scoring).Table;
        byte[] bytes = ChunkCodec.Encode(table);
        var back = ChunkCodec.Decode(bytes);

        Assert.True(ChunkCodec.IsBinary(bytes));
        Assert.Equal(table.ColumnNames, back.ColumnNames);
        Assert.Equal(table.RowCount, back.RowCount);
        foreach (var column in table.Columns)
        {
            var copy = back[column.Name];
            Assert.Equal(column.Kind, copy.Kind);
            for (int r = 0; r < table.RowCount; r++) Assert.Equal(column.FormatValue(r), copy.FormatValue(r));
            if (column is CategoricalColumn c)
            {
                Assert.Equal(c.Levels, ((CategoricalColumn)copy).Levels);
                Assert.Equal(c.IsOrdered, ((CategoricalColumn)copy).IsOrdered);
            }
        }
        Assert.Contains(table.Columns, c => c.MissingCount > 0); // missing values took part
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(bytes[..^3]));
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode([.. bytes, 0]));
        Assert.False(ChunkCodec.IsBinary("patient_id,age_years\n"u8));
    }

    [Fact]
    public void A_row_range_encodes_as_its_selected_rows_and_reads_like_the_binary_writer_form_of_earlier_workers()
    {
        var table = CohortLoader.LoadCsv(RepoPaths.Data("cohort-5000.csv"), CohortPurpose.Scoring).Table;
        byte[] range = ChunkCodec.Encode(table, 1200, 700);
        Assert.Equal(ChunkCodec.Encode(table.SelectRows([.. Enumerable.Range(1200, 700)])), range);

        // A chunk as the BinaryWriter-based encoder wrote it (stored by a worker of an earlier version): a numeric,
        // a boolean, a categorical with a missing code and a text column with a multi-byte id and a missing value.
        using var blob = new MemoryStream();
        using (var writer = new BinaryWriter(blob, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("PCH1"u8);
            writer.Write(2); // rows
            writer.Write(4); // columns
            writer.Write("age_years"); writer.Write((byte)ColumnKind.Numeric); writer.Write(61.5); writer.Write(double.NaN);
            writer.Write("cirrhosis"); writer.Write((byte)ColumnKind.Boolean); writer.Write((byte)1); writer.Write((byte)0);
            writer.Write("stage"); writer.Write((byte)ColumnKind.Categorical); writer.Write(true); writer.Write(2); writer.Write("A"); writer.Write("B");
            writer.Write((byte)1); writer.Write((byte)255);
            writer.Write(CohortContract.PatientId); writer.Write((byte)ColumnKind.Text);
            writer.Write(true); writer.Write("P-\u00e9\u4e2d-" + new string('x', 200)); writer.Write(false);
        }
        var back = ChunkCodec.Decode(blob.ToArray());
        Assert.Equal(2, back.RowCount);
        Assert.Equal(61.5, ((NumericColumn)back["age_years"]).Values[0]);
        Assert.True(back["age_years"].IsMissing(1));
        Assert.Equal(new byte[] { 1, 0 }, ((BooleanColumn)back["cirrhosis"]).Values.ToArray());
        var stage = (CategoricalColumn)back["stage"];
        Assert.Equal(new string?[] { "B", null }, new[] { stage[0], stage[1] });
        Assert.True(stage.IsOrdered);
        Assert.Equal(new string?[] { "P-\u00e9\u4e2d-" + new string('x', 200), null }, ((TextColumn)back[CohortContract.PatientId]).Values.ToArray());
        Assert.Equal(blob.ToArray(), ChunkCodec.Encode(back));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Audited_job_predictions_are_found_by_patient_through_the_trail_and_unaudited_ones_are_not()
    {
        await using var database = new FleetDatabase(await shared.Cluster.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database);
        var store = new JobStore(database);
        var audit = new AuditStore(database);
        var job = new JobSubmission(Guid.NewGuid(), "t.csv", "tests", [new ChunkInput([1, 2], [1]), new ChunkInput([3], [1]), new ChunkInput([4], [1])], [], 0);
        await store.CreateAsync(job);
        var scoredAt = new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 3; i++)
        {
            var chunk = (await store.TryLeaseAsync("w", TimeSpan.FromMinutes(1), 3))!;
            string[] ids = [.. chunk.SourceRows.Select(r => "P" + r)];
            string[]? refs = chunk.ChunkNo switch { 0 => ids, 1 => [.. ids.Select(id => "hash-of-" + id)], _ => null };
            Assert.True(await store.CompleteAsync("w", new ScoredChunk(
                chunk, Version, ids, [.. chunk.SourceRows.Select(r => r / 10.0)], [.. chunk.SourceRows.Select(r => r > 1)], refs, chunk.ChunkNo == 1, scoredAt)));
        }

        var byId = Assert.Single(await audit.ForPatientAsync("P2"));
        Assert.Equal(("job:" + job.JobId, 2, AuditChannel.Job, job.JobId, false), (byId.RequestId, byId.Item, byId.Channel, byId.JobId, byId.PatientRefHashed));
        Assert.Equal((Version, 0.2, true, scoredAt), (byId.ModelVersion, byId.Probability, byId.PredictedResistant, byId.PredictedAt));
        var hashed = Assert.Single(await audit.ForPatientAsync("hash-of-P3"));
        Assert.True(hashed.PatientRefHashed);
        Assert.Empty(await audit.ForPatientAsync("P3")); // a hashed chunk is not found by the raw id
        Assert.Empty(await audit.ForPatientAsync("P4")); // scored with the audit trail off
        Assert.Equal(0L, await Scalar(database, "SELECT count(*) FROM audit")); // nothing copied
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Job_audit_rows_of_schema_version_1_move_onto_their_predictions_when_the_schema_is_upgraded()
    {
        string connection = await shared.Cluster.CreateDatabaseAsync();
        await using var database = new FleetDatabase(connection);
        await using (var raw = new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            // The database as a version-1 worker left it: one audited job with a hashed and a plain chunk, one HTTP row.
            await Execute(raw, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            await Execute(raw, SchemaMigrator.Known[0].Sql);
            await Execute(raw, $"INSERT INTO schema_version VALUES (1, '{SchemaMigrator.Known[0].Name}')");
            await Execute(raw, $$"""
                INSERT INTO jobs VALUES ('11111111-1111-1111-1111-111111111111', 'old.csv', 'tests', now(), 2, 0, 2);
                INSERT INTO job_chunks (job_id, chunk_no, row_count, source_rows, input, state, completed_at, model_version)
                VALUES ('11111111-1111-1111-1111-111111111111', 0, 1, '{1}', '', 'done', now(), '{{Version}}'),
                       ('11111111-1111-1111-1111-111111111111', 1, 1, '{2}', '', 'done', now(), '{{Version}}');
                INSERT INTO predictions VALUES ('11111111-1111-1111-1111-111111111111', 1, 'A1', 0.25, false, '{{Version}}', 0),
                                               ('11111111-1111-1111-1111-111111111111', 2, 'A2', 0.75, true, '{{Version}}', 1);
                INSERT INTO audit VALUES
                  ('job:11111111-1111-1111-1111-111111111111', 1, now(), 'job', '11111111-1111-1111-1111-111111111111', '{{Version}}', 'h-A1', true, 0.25, false),
                  ('job:11111111-1111-1111-1111-111111111111', 2, now(), 'job', '11111111-1111-1111-1111-111111111111', '{{Version}}', 'A2', false, 0.75, true),
                  ('req-1', 0, now(), 'http', NULL, '{{Version}}', 'A2', false, 0.5, false);
                """);
        }

        Assert.Equal(Enumerable.Range(2, SchemaMigrator.LatestKnownVersion - 1), await SchemaMigrator.MigrateAsync(database));

        var audit = new AuditStore(database);
        var a1 = Assert.Single(await audit.ForPatientAsync("h-A1"));
        Assert.Equal((1, true, 0.25), (a1.Item, a1.PatientRefHashed, a1.Probability));
        Assert.Equal(["job:11111111-1111-1111-1111-111111111111", "req-1"], (await audit.ForPatientAsync("A2")).Select(r => r.RequestId).Order(StringComparer.Ordinal));
        Assert.Equal(1L, await Scalar(database, "SELECT count(*) FROM audit"));
        Assert.Equal(3L, await Scalar(database, "SELECT count(*) FROM audit_trail"));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(FleetDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
