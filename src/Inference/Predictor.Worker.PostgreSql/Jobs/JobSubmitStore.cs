using Npgsql;
using NpgsqlTypes;

namespace Predictor.Worker.PostgreSql.Jobs;

/// <summary>
/// A job stored while its file is still being read: the job is begun ('submitting'), its chunks are appended a batch
/// at a time in small transactions (workers may lease and score them at once), and it is finished when the last
/// chunk is stored, or failed with the reason. The submitting worker holds a submit lease and renews it; a submit
/// whose lease expires (its worker died) is failed by the next worker looking for chunks (<see cref="JobStore.TryLeaseAsync"/>).
/// Every write is refused once the submit is no longer this owner's: failed as abandoned, or the job cancelled.
/// </summary>
public sealed class JobSubmitStore(FleetDatabase database)
{
    /// <summary>The reason a submit whose lease expired is given (also used by <see cref="JobStore.TryLeaseAsync"/>).</summary>
    public const string AbandonedReason = "submit did not finish: the submitting worker stopped renewing its submit lease (it stopped or lost the database)";

    /// <summary>Stores a new job in state 'submitting', with no chunks yet, leased to <paramref name="owner"/>.</summary>
    public async Task BeginAsync(Guid jobId, string source, string submittedBy, string owner, TimeSpan lease, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO jobs (job_id, source, submitted_by, total_rows, rejected_rows, chunk_count, submit_state, submit_owner, submit_lease_until)
            VALUES ($1, $2, $3, 0, 0, 0, 'submitting', $4, now() + $5)
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = jobId });
        insert.Parameters.Add(new NpgsqlParameter { Value = source });
        insert.Parameters.Add(new NpgsqlParameter { Value = submittedBy });
        insert.Parameters.Add(new NpgsqlParameter { Value = owner });
        insert.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores one batch of chunks (numbered on from the chunks already stored) and its rejected rows in one
    /// transaction, renews the submit lease and wakes the workers. False (nothing stored) when the submit is no
    /// longer this owner's.
    /// </summary>
    public async Task<bool> AppendAsync(Guid jobId, string owner, SubmitBatch batch, TimeSpan lease, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        int firstChunk;
        await using (var claim = new NpgsqlCommand(
            """
            UPDATE jobs SET chunk_count = chunk_count + $3, total_rows = total_rows + $4, rejected_rows = rejected_rows + $5,
                   submit_lease_until = now() + $6
             WHERE job_id = $1 AND submit_state = 'submitting' AND submit_owner = $2 AND cancelled_at IS NULL
            RETURNING chunk_count - $3
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = jobId });
            claim.Parameters.Add(new NpgsqlParameter { Value = owner });
            claim.Parameters.Add(new NpgsqlParameter { Value = batch.Chunks.Count, NpgsqlDbType = NpgsqlDbType.Integer });
            claim.Parameters.Add(new NpgsqlParameter { Value = batch.Chunks.Sum(c => c.SourceRows.Length), NpgsqlDbType = NpgsqlDbType.Integer });
            claim.Parameters.Add(new NpgsqlParameter { Value = batch.RejectedRows, NpgsqlDbType = NpgsqlDbType.Integer });
            claim.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
            if (await claim.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is not int first) return false;
            firstChunk = first;
        }
        await JobStore.CopyChunksAsync(connection, jobId, firstChunk, batch.Chunks, cancellation).ConfigureAwait(false);
        await JobStore.CopyErrorsAsync(connection, jobId, batch.Errors, cancellation).ConfigureAwait(false);
        if (batch.Chunks.Count > 0) await JobStore.NotifyAsync(connection, transaction, jobId, cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Extends the submit lease; false when the submit is no longer this owner's. Synchronous: the worker's lease renewer
    /// calls it from a thread of its own, so that it never waits for the thread pool.
    /// </summary>
    public bool Renew(Guid jobId, string owner, TimeSpan lease)
    {
        using var connection = database.DataSource.OpenConnection();
        using var renew = new NpgsqlCommand(
            "UPDATE jobs SET submit_lease_until = now() + $3 WHERE job_id = $1 AND submit_state = 'submitting' AND submit_owner = $2 AND cancelled_at IS NULL",
            connection);
        renew.Parameters.Add(new NpgsqlParameter { Value = jobId });
        renew.Parameters.Add(new NpgsqlParameter { Value = owner });
        renew.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        return renew.ExecuteNonQuery() == 1;
    }

    /// <summary>Every chunk is stored: the job is 'submitted' and can finish. False when the submit was no longer this owner's.</summary>
    public async Task<bool> FinishAsync(Guid jobId, string owner, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var finish = new NpgsqlCommand(
            """
            UPDATE jobs SET submit_state = 'submitted', submit_owner = NULL, submit_lease_until = NULL
             WHERE job_id = $1 AND submit_state = 'submitting' AND submit_owner = $2 AND cancelled_at IS NULL
            """, connection);
        finish.Parameters.Add(new NpgsqlParameter { Value = jobId });
        finish.Parameters.Add(new NpgsqlParameter { Value = owner });
        bool finished = await finish.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false) == 1;
        if (finished)
        {
            // A job whose chunks were all scored before the submit finished is complete only now: wake whoever waits.
            await JobStore.NotifyAsync(connection, null, jobId, cancellation).ConfigureAwait(false);
        }
        return finished;
    }

    /// <summary>
    /// The submit cannot finish (the file is unreadable part-way, or the worker is stopping): the job is failed with
    /// <paramref name="reason"/> and its chunks not yet scored are cancelled (a chunk being scored has its commit
    /// refused); what was scored stays. False when the submit was no longer this owner's.
    /// </summary>
    public async Task<bool> FailAsync(Guid jobId, string owner, string reason, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var fail = new NpgsqlCommand(
            """
            UPDATE jobs SET submit_state = 'failed', submit_error = $3, submit_owner = NULL, submit_lease_until = NULL
             WHERE job_id = $1 AND submit_state = 'submitting' AND submit_owner = $2
            """, connection, transaction))
        {
            fail.Parameters.Add(new NpgsqlParameter { Value = jobId });
            fail.Parameters.Add(new NpgsqlParameter { Value = owner });
            fail.Parameters.Add(new NpgsqlParameter { Value = reason });
            if (await fail.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false) != 1) return false;
        }
        await using (var cancel = new NpgsqlCommand(
            """
            UPDATE job_chunks SET state = 'cancelled', lease_owner = NULL, lease_until = NULL, input = ''::bytea
             WHERE job_id = $1 AND state IN ('pending', 'leased')
            """, connection, transaction))
        {
            cancel.Parameters.Add(new NpgsqlParameter { Value = jobId });
            await cancel.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await JobStore.NotifyAsync(connection, transaction, jobId, cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return true;
    }
}
