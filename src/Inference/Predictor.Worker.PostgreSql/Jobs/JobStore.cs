using Npgsql;
using NpgsqlTypes;
using Predictor.Worker.PostgreSql.Copy;

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
        await CopyChunksAsync(connection, job.JobId, 0, job.Chunks, cancellation).ConfigureAwait(false);
        await CopyErrorsAsync(connection, job.JobId, job.Errors, cancellation).ConfigureAwait(false);
        await NotifyAsync(connection, transaction, job.JobId, cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>COPYs chunks numbered from <paramref name="firstChunk"/> into job_chunks, in the connection's transaction.</summary>
    internal static async Task CopyChunksAsync(NpgsqlConnection connection, Guid jobId, int firstChunk, IReadOnlyList<ChunkInput> chunks, CancellationToken cancellation)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(connection,
            "COPY job_chunks (job_id, chunk_no, row_count, source_rows, input) FROM STDIN (FORMAT BINARY)", cancellation).ConfigureAwait(false);
        for (int i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            // uuid, two int4 and the source rows; the input is sent on its own.
            int maxBytes = BinaryCopyWriter.FixedBytes(3, 16 + 4 + 4) + BinaryCopyWriter.Int4ArrayBytes(chunk.SourceRows.Length) + sizeof(int);
            await copy.StartRowAsync(5, maxBytes, cancellation).ConfigureAwait(false);
            copy.Uuid(jobId);
            copy.Int4(firstChunk + i);
            copy.Int4(chunk.SourceRows.Length);
            copy.Int4Array(chunk.SourceRows);
            await copy.BytesAsync(chunk.Input, cancellation).ConfigureAwait(false);
        }
        await copy.CompleteAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>COPYs rejected rows into job_row_errors, in the connection's transaction.</summary>
    internal static async Task CopyErrorsAsync(NpgsqlConnection connection, Guid jobId, IReadOnlyList<RowError> errors, CancellationToken cancellation)
    {
        if (errors.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY job_row_errors (job_id, source_row, line, column_name, problem) FROM STDIN (FORMAT BINARY)", cancellation).ConfigureAwait(false);
        foreach (var error in errors)
        {
            await copy.StartRowAsync(cancellation).ConfigureAwait(false);
            await copy.WriteAsync(jobId, NpgsqlDbType.Uuid, cancellation).ConfigureAwait(false);
            await copy.WriteAsync(error.SourceRow, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
            if (error.Line is int line) await copy.WriteAsync(line, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
            else await copy.WriteNullAsync(cancellation).ConfigureAwait(false);
            if (error.Column is null) await copy.WriteNullAsync(cancellation).ConfigureAwait(false);
            else await copy.WriteAsync(error.Column, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
            await copy.WriteAsync(error.Problem, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
        }
        await copy.CompleteAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Tells the fleet's workers (and waiters) that a job has new chunks or a new state; sent at commit.</summary>
    internal static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid jobId, CancellationToken cancellation)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify('predictor_jobs', $1)", connection, transaction);
        notify.Parameters.Add(new NpgsqlParameter { Value = jobId.ToString() });
        await notify.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases one chunk that is pending, or whose lease has expired (its worker died or stalled), oldest job first.
    /// An expired chunk that has already had <paramref name="maxAttempts"/> attempts is not leased again but marked
    /// failed (a chunk that kills or stalls every worker that takes it must not circle the fleet for ever).
    /// A job whose submit lease has expired (its submitting worker died) is failed on the way, and its chunks
    /// not yet scored are cancelled. Returns null when there is nothing to do; the chunk comes without its input
    /// (<see cref="ReadInputAsync"/>).
    /// </summary>
    public async Task<LeasedChunk?> TryLeaseAsync(string worker, TimeSpan lease, int maxAttempts, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            WITH abandoned AS (
                UPDATE jobs SET submit_state = 'failed', submit_owner = NULL, submit_lease_until = NULL, submit_error = $4
                 WHERE submit_state = 'submitting' AND submit_lease_until < now()
                RETURNING job_id),
            dropped AS (
                UPDATE job_chunks SET state = 'cancelled', lease_owner = NULL, lease_until = NULL, input = ''::bytea
                 WHERE job_id IN (SELECT job_id FROM abandoned) AND state IN ('pending', 'leased')),
            given_up AS (
                UPDATE job_chunks
                   SET state = 'failed', lease_owner = NULL, lease_until = NULL, input = ''::bytea,
                       last_error = 'its lease expired on attempt ' || attempts || ' of ' || $3 || ' (the worker scoring it stopped or stalled)'
                 WHERE state = 'leased' AND lease_until < now() AND attempts >= $3)
            UPDATE job_chunks c
               SET state = 'leased', lease_owner = $1, lease_until = now() + $2, leased_at = now(), attempts = c.attempts + 1
              FROM (SELECT k.job_id, k.chunk_no
                      FROM job_chunks k JOIN jobs j USING (job_id)
                     WHERE (k.state = 'pending' OR (k.state = 'leased' AND k.lease_until < now() AND k.attempts < $3))
                       AND NOT (j.submit_state = 'submitting' AND j.submit_lease_until < now()) -- being failed as abandoned
                     ORDER BY j.submitted_at, k.chunk_no
                     LIMIT 1
                       FOR UPDATE OF k SKIP LOCKED) free
             WHERE c.job_id = free.job_id AND c.chunk_no = free.chunk_no
            RETURNING c.job_id, c.chunk_no, c.source_rows, c.attempts, c.lease_until
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = worker });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = maxAttempts, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = JobSubmitStore.AbandonedReason });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
        return new LeasedChunk(
            reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<int[]>(2), [], reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4));
    }

    /// <summary>
    /// A leased chunk with its stored input. Read apart from the lease so that the holder can start renewing first:
    /// a large chunk's input can take longer to transfer than a short lease lasts. Null when the lease is no longer
    /// this attempt's.
    /// </summary>
    public async Task<LeasedChunk?> ReadInputAsync(string worker, LeasedChunk chunk, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT input FROM job_chunks WHERE job_id = $1 AND chunk_no = $2 AND state = 'leased' AND lease_owner = $3 AND attempts = $4",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.JobId });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
        command.Parameters.Add(new NpgsqlParameter { Value = worker });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Attempt });
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is byte[] input ? chunk with { Input = input } : null;
    }

    /// <summary>
    /// Extends this worker's lease on a chunk it is still scoring to <paramref name="lease"/> from now. False when the
    /// lease is no longer this worker's (expired and taken by another, or the job was cancelled). Synchronous: the
    /// worker's lease renewer calls it from a thread of its own, so that it never waits for a thread pool busy with scoring.
    /// </summary>
    public bool Renew(string worker, LeasedChunk chunk, TimeSpan lease)
    {
        using var connection = database.DataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            """
            UPDATE job_chunks SET lease_until = now() + $4
             WHERE job_id = $1 AND chunk_no = $2 AND state = 'leased' AND lease_owner = $3 AND attempts = $5
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.JobId });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
        command.Parameters.Add(new NpgsqlParameter { Value = worker });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Attempt });
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Records that this worker's attempt at a chunk failed, and releases it: back to pending for another attempt, or
    /// failed for good once it has had <paramref name="maxAttempts"/>. Returns the chunk's state afterwards
    /// ('pending' or 'failed'), or null when the lease was no longer this worker's (nothing recorded).
    /// </summary>
    public async Task<string?> FailAsync(string worker, LeasedChunk chunk, string reason, int maxAttempts, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            UPDATE job_chunks
               SET state = CASE WHEN attempts >= $5 THEN 'failed' ELSE 'pending' END,
                   input = CASE WHEN attempts >= $5 THEN ''::bytea ELSE input END,
                   lease_owner = NULL, lease_until = NULL, last_error = $4
             WHERE job_id = $1 AND chunk_no = $2 AND state = 'leased' AND lease_owner = $3 AND attempts = $6
            RETURNING state
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.JobId });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
        command.Parameters.Add(new NpgsqlParameter { Value = worker });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        command.Parameters.Add(new NpgsqlParameter { Value = maxAttempts, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Attempt });
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) as string;
    }

    /// <summary>
    /// Cancels a job: its chunks not yet done are marked cancelled (a worker still scoring one has its commit
    /// refused), and what was already scored stays. Null when there is no such job.
    /// </summary>
    public async Task<CancelOutcome?> CancelAsync(Guid jobId, string cancelledBy, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var find = new NpgsqlCommand(
            """
            SELECT j.cancelled_at IS NOT NULL,
                   (SELECT count(*) FROM job_chunks c WHERE c.job_id = j.job_id AND c.state IN ('pending', 'leased'))
                   + CASE WHEN j.submit_state = 'submitting' THEN 1 ELSE 0 END
              FROM jobs j WHERE j.job_id = $1 FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = jobId });
            await using var reader = await find.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
            if (reader.GetBoolean(0)) return CancelOutcome.AlreadyCancelled;
            if (reader.GetInt64(1) == 0) return CancelOutcome.AlreadyFinished;
        }
        await using (var cancel = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE jobs SET cancelled_at = now(), cancelled_by = $2 WHERE job_id = $1")
                {
                    Parameters = { new NpgsqlParameter { Value = jobId }, new NpgsqlParameter { Value = cancelledBy } },
                },
                new NpgsqlBatchCommand(
                    """
                    UPDATE job_chunks SET state = 'cancelled', lease_owner = NULL, lease_until = NULL, input = ''::bytea
                     WHERE job_id = $1 AND state IN ('pending', 'leased')
                    """) { Parameters = { new NpgsqlParameter { Value = jobId } } },
            },
        })
        {
            await cancel.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return CancelOutcome.Cancelled;
    }

    /// <summary>
    /// Writes a chunk's predictions (binary COPY) and marks it done, in one transaction, provided this worker still
    /// holds its lease. The model version is recorded once, on the chunk (schema version 5), not in every row. When the chunk is audited its predictions rows are its audit trail (view <c>audit_trail</c>):
    /// the chunk records how patients are referred to, and a keyed hash goes into <c>patient_ref_hash</c>. Returns false (writing nothing) when the lease was lost to another worker.
    /// <paramref name="held"/> runs once the chunk's row lock is held (from then on no one else can lease it): the
    /// caller's lease renewal can stop there rather than before the commit.
    /// </summary>
    public Task<bool> CompleteAsync(string worker, ScoredChunk scored, CancellationToken cancellation = default) =>
        CompleteAsync(worker, scored, held: null, cancellation);

    /// <inheritdoc cref="CompleteAsync(string, ScoredChunk, CancellationToken)"/>
    public async Task<bool> CompleteAsync(string worker, ScoredChunk scored, Action? held, CancellationToken cancellation = default)
    {
        var chunk = scored.Chunk;
        int rows = chunk.SourceRows.Length;
        if (scored.PatientIds.Length != rows || scored.Probabilities.Length != rows || scored.Labels.Length != rows)
            throw new ArgumentException("the scored arrays must match the chunk's rows", nameof(scored));
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var hold = new NpgsqlCommand(
            "SELECT 1 FROM job_chunks WHERE job_id = $1 AND chunk_no = $2 AND state = 'leased' AND lease_owner = $3 AND attempts = $4 FOR UPDATE",
            connection, transaction))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = chunk.JobId });
            hold.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
            hold.Parameters.Add(new NpgsqlParameter { Value = worker });
            hold.Parameters.Add(new NpgsqlParameter { Value = chunk.Attempt });
            if (await hold.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is null) return false;
        }
        held?.Invoke();
        var refs = scored.AuditPatientRefs;
        bool hashed = refs is not null && scored.AuditRefsHashed;
        await using (var copy = await BinaryCopyWriter.BeginAsync(connection,
            "COPY predictions (job_id, source_row, patient_id, probability, predicted_resistant, chunk_no, patient_ref_hash) FROM STDIN (FORMAT BINARY)",
            cancellation).ConfigureAwait(false))
        {
            // uuid, two int4, float8, bool: their values, and seven field lengths.
            int fixedBytes = BinaryCopyWriter.FixedBytes(7, 16 + 4 + 4 + 8 + 1);
            for (int r = 0; r < rows; r++)
            {
                string id = scored.PatientIds[r];
                string? hash = hashed ? refs![r] : null;
                await copy.StartRowAsync(7, fixedBytes + BinaryCopyWriter.TextBytes(id) + BinaryCopyWriter.TextBytes(hash), cancellation).ConfigureAwait(false);
                copy.Uuid(chunk.JobId);
                copy.Int4(chunk.SourceRows[r]);
                copy.Text(id);
                copy.Float8(scored.Probabilities[r]);
                copy.Bool(scored.Labels[r]);
                copy.Int4(chunk.ChunkNo);
                copy.Text(hash);
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
        // One round trip, two answers: the counts, then the failed chunks.
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    """
                    SELECT j.source, j.submitted_by, j.submitted_at, j.total_rows, j.rejected_rows, j.chunk_count,
                           count(c.chunk_no) FILTER (WHERE c.state = 'done'),
                           count(c.chunk_no) FILTER (WHERE c.state = 'leased' AND c.lease_until >= now()),
                           coalesce(sum(c.row_count) FILTER (WHERE c.state = 'done'), 0),
                           coalesce(array_agg(DISTINCT c.model_version) FILTER (WHERE c.model_version IS NOT NULL), '{}'),
                           count(c.chunk_no) FILTER (WHERE c.state = 'cancelled'),
                           j.cancelled_at, j.cancelled_by, j.submit_state, j.submit_error
                      FROM jobs j LEFT JOIN job_chunks c USING (job_id)
                     WHERE j.job_id = $1
                     GROUP BY j.job_id
                    """) { Parameters = { new NpgsqlParameter { Value = jobId } } },
                new NpgsqlBatchCommand(
                    """
                    SELECT chunk_no, row_count, source_rows[1], source_rows[cardinality(source_rows)], attempts, coalesce(last_error, '')
                      FROM job_chunks WHERE job_id = $1 AND state = 'failed' ORDER BY chunk_no
                    """) { Parameters = { new NpgsqlParameter { Value = jobId } } },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
        var source = reader.GetString(0);
        var submittedBy = reader.GetString(1);
        var submittedAt = reader.GetFieldValue<DateTimeOffset>(2);
        int totalRows = reader.GetInt32(3), rejectedRows = reader.GetInt32(4), chunkCount = reader.GetInt32(5);
        int done = (int)reader.GetInt64(6), leased = (int)reader.GetInt64(7);
        long rowsScored = reader.GetInt64(8);
        var versions = reader.GetFieldValue<string[]>(9);
        int cancelled = (int)reader.GetInt64(10);
        DateTimeOffset? cancelledAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11);
        string? cancelledBy = reader.IsDBNull(12) ? null : reader.GetString(12);
        string submitState = reader.GetString(13);
        string? submitError = reader.IsDBNull(14) ? null : reader.GetString(14);
        await reader.NextResultAsync(cancellation).ConfigureAwait(false);
        var failed = new List<FailedChunk>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            failed.Add(new FailedChunk(
                reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5)));
        }
        return new JobProgress(
            jobId, source, submittedBy, submittedAt, totalRows, rejectedRows, chunkCount, done, leased, rowsScored, versions,
            failed, cancelled, cancelledAt, cancelledBy, submitState, submitError);
    }

    /// <summary>A job's predictions in the submitted file's row order, streamed.</summary>
    public async IAsyncEnumerable<JobPrediction> ReadPredictionsAsync(
        Guid jobId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT p.source_row, p.patient_id, p.probability, p.predicted_resistant, c.model_version
              FROM predictions p JOIN job_chunks c ON c.job_id = p.job_id AND c.chunk_no = p.chunk_no
             WHERE p.job_id = $1 ORDER BY p.source_row
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            yield return new JobPrediction(reader.GetInt32(0), reader.GetString(1), reader.GetDouble(2), reader.GetBoolean(3), reader.GetString(4));
        }
    }

    /// <summary>The rows a job's contract check left out, in row order, streamed.</summary>
    public async IAsyncEnumerable<RowError> ReadErrorsAsync(
        Guid jobId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT source_row, line, column_name, problem FROM job_row_errors WHERE job_id = $1 ORDER BY source_row, column_name", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            yield return new RowError(
                reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
        }
    }
}
