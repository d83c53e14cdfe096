using Npgsql;
using NpgsqlTypes;

namespace Predictor.Worker.PostgreSql.Jobs;

/// <summary>
/// Batch jobs in the fleet database. Workers lease chunks with <c>FOR UPDATE SKIP LOCKED</c> (no two workers wait on
/// or take the same chunk) and a deadline; a lease past its deadline may be taken by any worker. A chunk's
/// predictions (which are also its audit trail) are written in the transaction that marks it done, and only while the writer still
/// holds the lease, so whatever crashes, each row of a job is scored into <c>predictions</c> exactly once.
/// </summary>
public sealed class JobStore(FleetDatabase database)
{
    /// <summary>Stores the job, its chunks and its row errors in one transaction (all or nothing).</summary>
    public async Task CreateAsync(JobSubmission job, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO jobs (job_id, source, submitted_by, total_rows, rejected_rows, chunk_count) VALUES ($1, $2, $3, $4, $5, $6)",
            connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = job.JobId });
            insert.Parameters.Add(new NpgsqlParameter { Value = job.Source });
            insert.Parameters.Add(new NpgsqlParameter { Value = job.SubmittedBy });
            insert.Parameters.Add(new NpgsqlParameter { Value = job.Chunks.Sum(c => c.SourceRows.Length) });
            insert.Parameters.Add(new NpgsqlParameter { Value = job.RejectedRows });
            insert.Parameters.Add(new NpgsqlParameter { Value = job.Chunks.Count });
            await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await using (var chunks = await connection.BeginBinaryImportAsync(
            "COPY job_chunks (job_id, chunk_no, row_count, source_rows, input) FROM STDIN (FORMAT BINARY)", cancellation).ConfigureAwait(false))
        {
            for (int i = 0; i < job.Chunks.Count; i++)
            {
                var chunk = job.Chunks[i];
                await chunks.StartRowAsync(cancellation).ConfigureAwait(false);
                await chunks.WriteAsync(job.JobId, NpgsqlDbType.Uuid, cancellation).ConfigureAwait(false);
                await chunks.WriteAsync(i, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await chunks.WriteAsync(chunk.SourceRows.Length, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await chunks.WriteAsync(chunk.SourceRows, NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await chunks.WriteAsync(chunk.Input, NpgsqlDbType.Bytea, cancellation).ConfigureAwait(false);
            }
            await chunks.CompleteAsync(cancellation).ConfigureAwait(false);
        }
        await using (var errors = await connection.BeginBinaryImportAsync(
            "COPY job_row_errors (job_id, source_row, column_name, problem) FROM STDIN (FORMAT BINARY)", cancellation).ConfigureAwait(false))
        {
            foreach (var error in job.Errors)
            {
                await errors.StartRowAsync(cancellation).ConfigureAwait(false);
                await errors.WriteAsync(job.JobId, NpgsqlDbType.Uuid, cancellation).ConfigureAwait(false);
                await errors.WriteAsync(error.SourceRow, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                if (error.Column is null) await errors.WriteNullAsync(cancellation).ConfigureAwait(false);
                else await errors.WriteAsync(error.Column, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await errors.WriteAsync(error.Problem, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
            }
            await errors.CompleteAsync(cancellation).ConfigureAwait(false);
        }
        await using (var notify = new NpgsqlCommand("SELECT pg_notify('predictor_jobs', $1)", connection, transaction))
        {
            notify.Parameters.Add(new NpgsqlParameter { Value = job.JobId.ToString() });
            await notify.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases one chunk that is pending, or whose lease has expired (its worker died or stalled), oldest job first.
    /// Returns null when there is nothing to do.
    /// </summary>
    public async Task<LeasedChunk?> TryLeaseAsync(string worker, TimeSpan lease, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            UPDATE job_chunks c
               SET state = 'leased', lease_owner = $1, lease_until = now() + $2, attempts = c.attempts + 1
              FROM (SELECT k.job_id, k.chunk_no
                      FROM job_chunks k JOIN jobs j USING (job_id)
                     WHERE k.state = 'pending' OR (k.state = 'leased' AND k.lease_until < now())
                     ORDER BY j.submitted_at, k.chunk_no
                     LIMIT 1
                       FOR UPDATE OF k SKIP LOCKED) free
             WHERE c.job_id = free.job_id AND c.chunk_no = free.chunk_no
            RETURNING c.job_id, c.chunk_no, c.source_rows, c.input, c.attempts, c.lease_until
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = worker });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
        return new LeasedChunk(
            reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<int[]>(2), reader.GetFieldValue<byte[]>(3), reader.GetInt32(4),
            reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>
    /// Writes a chunk's predictions (binary COPY) and marks it done, in one transaction, provided this worker still
    /// holds its lease. When the chunk is audited its predictions rows are its audit trail (view <c>audit_trail</c>):
    /// the chunk records how patients are referred to, and a keyed hash goes into <c>patient_ref_hash</c>. Returns false (writing nothing) when the lease was lost to another worker.
    /// </summary>
    public async Task<bool> CompleteAsync(string worker, ScoredChunk scored, CancellationToken cancellation = default)
    {
        var chunk = scored.Chunk;
        int rows = chunk.SourceRows.Length;
        if (scored.PatientIds.Length != rows || scored.Probabilities.Length != rows || scored.Labels.Length != rows)
            throw new ArgumentException("the scored arrays must match the chunk's rows", nameof(scored));
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var hold = new NpgsqlCommand(
            "SELECT 1 FROM job_chunks WHERE job_id = $1 AND chunk_no = $2 AND state = 'leased' AND lease_owner = $3 FOR UPDATE",
            connection, transaction))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = chunk.JobId });
            hold.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
            hold.Parameters.Add(new NpgsqlParameter { Value = worker });
            if (await hold.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is null) return false;
        }
        var refs = scored.AuditPatientRefs;
        bool hashed = refs is not null && scored.AuditRefsHashed;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY predictions (job_id, source_row, patient_id, probability, predicted_resistant, model_version, chunk_no, patient_ref_hash) FROM STDIN (FORMAT BINARY)",
            cancellation).ConfigureAwait(false))
        {
            // Buffered, synchronous field writes: the async ones cost a state machine per value.
            for (int r = 0; r < rows; r++)
            {
                copy.StartRow();
                copy.Write(chunk.JobId, NpgsqlDbType.Uuid);
                copy.Write(chunk.SourceRows[r], NpgsqlDbType.Integer);
                copy.Write(scored.PatientIds[r], NpgsqlDbType.Text);
                copy.Write(scored.Probabilities[r], NpgsqlDbType.Double);
                copy.Write(scored.Labels[r], NpgsqlDbType.Boolean);
                copy.Write(scored.ModelVersion, NpgsqlDbType.Text);
                copy.Write(chunk.ChunkNo, NpgsqlDbType.Integer);
                if (hashed) copy.Write(refs![r], NpgsqlDbType.Text);
                else copy.WriteNull();
            }
            await copy.CompleteAsync(cancellation).ConfigureAwait(false);
        }
        await using (var done = new NpgsqlCommand(
            """
            UPDATE job_chunks SET state = 'done', completed_by = $3, completed_at = $5, model_version = $4,
                   lease_owner = NULL, lease_until = NULL, input = ''::bytea, audit_refs = $6
             WHERE job_id = $1 AND chunk_no = $2
            """, connection, transaction))
        {
            done.Parameters.Add(new NpgsqlParameter { Value = chunk.JobId });
            done.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
            done.Parameters.Add(new NpgsqlParameter { Value = worker });
            done.Parameters.Add(new NpgsqlParameter { Value = scored.ModelVersion });
            done.Parameters.Add(new NpgsqlParameter { Value = scored.ScoredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            done.Parameters.Add(new NpgsqlParameter { Value = refs is null ? DBNull.Value : hashed ? "hash" : "id", NpgsqlDbType = NpgsqlDbType.Text });
            await done.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>Where a job stands, or null when there is no such job.</summary>
    public async Task<JobProgress?> ProgressAsync(Guid jobId, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT j.source, j.submitted_by, j.submitted_at, j.total_rows, j.rejected_rows, j.chunk_count,
                   count(*) FILTER (WHERE c.state = 'done'),
                   count(*) FILTER (WHERE c.state = 'leased' AND c.lease_until >= now()),
                   coalesce(sum(c.row_count) FILTER (WHERE c.state = 'done'), 0),
                   coalesce(array_agg(DISTINCT c.model_version) FILTER (WHERE c.model_version IS NOT NULL), '{}')
              FROM jobs j LEFT JOIN job_chunks c USING (job_id)
             WHERE j.job_id = $1
             GROUP BY j.job_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
        return new JobProgress(
            jobId, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3), reader.GetInt32(4),
            reader.GetInt32(5), (int)reader.GetInt64(6), (int)reader.GetInt64(7), reader.GetInt64(8), reader.GetFieldValue<string[]>(9));
    }

    /// <summary>A job's predictions in the submitted file's row order, streamed.</summary>
    public async IAsyncEnumerable<JobPrediction> ReadPredictionsAsync(
        Guid jobId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT source_row, patient_id, probability, predicted_resistant, model_version FROM predictions WHERE job_id = $1 ORDER BY source_row",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            yield return new JobPrediction(reader.GetInt32(0), reader.GetString(1), reader.GetDouble(2), reader.GetBoolean(3), reader.GetString(4));
        }
    }

    /// <summary>The rows a job's contract check left out, in row order.</summary>
    public async Task<IReadOnlyList<RowError>> ReadErrorsAsync(Guid jobId, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT source_row, column_name, problem FROM job_row_errors WHERE job_id = $1 ORDER BY source_row, column_name", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var errors = new List<RowError>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            errors.Add(new RowError(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        return errors;
    }
}
