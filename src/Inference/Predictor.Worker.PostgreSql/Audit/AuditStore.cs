using Npgsql;
using NpgsqlTypes;

namespace Predictor.Worker.PostgreSql.Audit;

/// <summary>
/// The audit trail in the fleet database. Batches go in by binary COPY into a session temp table, then one
/// <c>INSERT ... ON CONFLICT DO NOTHING</c>, so a batch written twice (after a lost acknowledgement) is stored once.
/// </summary>
public sealed class AuditStore(FleetDatabase database)
{
    internal const string CopyCommand =
        "COPY audit (request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant) FROM STDIN (FORMAT BINARY)";

    private const string StagingCopyCommand =
        "COPY audit_incoming (request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant) FROM STDIN (FORMAT BINARY)";

    /// <summary>Stores a batch (all or nothing); records already present are skipped.</summary>
    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellation = default)
    {
        if (records.Count == 0) return;
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var staging = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS audit_incoming (LIKE audit INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection, transaction))
        {
            await staging.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(StagingCopyCommand, cancellation).ConfigureAwait(false))
        {
            foreach (var record in records) await WriteRowAsync(copy, record, cancellation).ConfigureAwait(false);
            await copy.CompleteAsync(cancellation).ConfigureAwait(false);
        }
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO audit SELECT * FROM audit_incoming ON CONFLICT (request_id, item) DO NOTHING", connection, transaction))
        {
            await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>What the fleet told about one patient (by id or keyed hash), oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ForPatientAsync(string patientRef, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant
              FROM audit WHERE patient_ref = $1 ORDER BY predicted_at, request_id, item
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = patientRef });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            records.Add(new AuditRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3) == "job" ? AuditChannel.Job : AuditChannel.Http,
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5), reader.GetString(6), reader.GetBoolean(7),
                reader.GetDouble(8), reader.GetBoolean(9)));
        }
        return records;
    }

    internal static async Task WriteRowAsync(NpgsqlBinaryImporter copy, AuditRecord record, CancellationToken cancellation)
    {
        await copy.StartRowAsync(cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.RequestId, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.Item, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.PredictedAt, NpgsqlDbType.TimestampTz, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.Channel == AuditChannel.Job ? "job" : "http", NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
        if (record.JobId is Guid job) await copy.WriteAsync(job, NpgsqlDbType.Uuid, cancellation).ConfigureAwait(false);
        else await copy.WriteNullAsync(cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.ModelVersion, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.PatientRef, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.PatientRefHashed, NpgsqlDbType.Boolean, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.Probability, NpgsqlDbType.Double, cancellation).ConfigureAwait(false);
        await copy.WriteAsync(record.PredictedResistant, NpgsqlDbType.Boolean, cancellation).ConfigureAwait(false);
    }
}
