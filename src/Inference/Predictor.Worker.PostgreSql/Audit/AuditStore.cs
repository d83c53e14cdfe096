using Npgsql;
using NpgsqlTypes;

namespace Predictor.Worker.PostgreSql.Audit;

/// <summary>
/// The audit trail in the fleet database. HTTP and inbox predictions are rows of <c>audit</c>; a job's predictions are their own
/// audit record (see <see cref="Jobs.JobStore.CompleteAsync"/>). Batches go in by binary COPY into a session temp table, then one
/// <c>INSERT ... ON CONFLICT DO NOTHING</c>, so a batch written twice (after a lost acknowledgement) is stored once.
/// </summary>
public sealed class AuditStore(FleetDatabase database)
{
    private const string Columns =
        "(request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant)";

    private const string StagingCopyCommand = "COPY audit_incoming " + Columns + " FROM STDIN (FORMAT BINARY)";

    private const string AuditCopyCommand = "COPY audit " + Columns + " FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Every row about one patient reference: the planner pushes the equality into both halves of the view, where the
    /// indexes <c>audit_patient</c> and <c>predictions_patient_ref</c> answer it (a test checks the plan).
    /// </summary>
    internal const string PatientQuery =
        """
        SELECT request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant
          FROM audit_trail WHERE patient_ref = $1 ORDER BY predicted_at, request_id, item
        """;

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
            foreach (var record in records) WriteRow(copy, record);
            await copy.CompleteAsync(cancellation).ConfigureAwait(false);
        }
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO audit SELECT * FROM audit_incoming ON CONFLICT (request_id, item) DO NOTHING", connection, transaction))
        {
            await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a batch whose request id was made for it (a fresh id no row can have yet) by COPY straight into
    /// <c>audit</c>: no staging table and no conflict check, half the server's work of <see cref="WriteAsync"/> for a
    /// large inbox file. Anything replayed (the spool) must go through <see cref="WriteAsync"/> instead; a key that
    /// does exist fails the whole batch (and nothing of it is stored).
    /// </summary>
    public async Task WriteFreshAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellation = default)
    {
        if (records.Count == 0) return;
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var copy = await connection.BeginBinaryImportAsync(AuditCopyCommand, cancellation).ConfigureAwait(false);
        foreach (var record in records) WriteRow(copy, record);
        await copy.CompleteAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// What the fleet told about one patient (by id or keyed hash), oldest first: HTTP and inbox answers from <c>audit</c>, job
    /// answers from the audited chunks' <c>predictions</c> (both through the view <c>audit_trail</c>).
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> ForPatientAsync(string patientRef, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(PatientQuery, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = patientRef });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            records.Add(new AuditRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2),
                AuditChannels.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5), reader.GetString(6), reader.GetBoolean(7),
                reader.GetDouble(8), reader.GetBoolean(9)));
        }
        return records;
    }

    /// <summary>One row into a binary COPY (synchronous: the importer buffers, and per-value async calls cost more than the write).</summary>
    internal static void WriteRow(NpgsqlBinaryImporter copy, AuditRecord record)
    {
        copy.StartRow();
        copy.Write(record.RequestId, NpgsqlDbType.Text);
        copy.Write(record.Item, NpgsqlDbType.Integer);
        copy.Write(record.PredictedAt, NpgsqlDbType.TimestampTz);
        copy.Write(AuditChannels.Name(record.Channel), NpgsqlDbType.Text);
        if (record.JobId is Guid job) copy.Write(job, NpgsqlDbType.Uuid);
        else copy.WriteNull();
        copy.Write(record.ModelVersion, NpgsqlDbType.Text);
        copy.Write(record.PatientRef, NpgsqlDbType.Text);
        copy.Write(record.PatientRefHashed, NpgsqlDbType.Boolean);
        copy.Write(record.Probability, NpgsqlDbType.Double);
        copy.Write(record.PredictedResistant, NpgsqlDbType.Boolean);
    }
}
