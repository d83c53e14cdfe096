using Microsoft.Extensions.Logging;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Audit;

namespace Predictor.Worker.Fleet.Audit;

/// <summary>
/// Puts an inbox file's committed predictions into the audit trail (channel <c>inbox</c>): one fresh request id per
/// scored file, the patient's 1-based data row as the item. Written here, on the inbox's own thread, by binary COPY in
/// batches of <see cref="BatchRows"/> (one transaction each), not through <see cref="AuditTrail"/>'s in-memory queue:
/// that queue is unbounded and a million-row file would sit in it whole. Batches the database does not take
/// (unreachable, or the worker stopping) go to the <see cref="AuditSpool"/>, which <see cref="AuditTrail"/> replays
/// when it is back, skipping what is stored (the (request_id, item) key), so a batch whose commit went through but
/// whose acknowledgement was lost is not stored twice.
/// </summary>
internal sealed class InboxAudit(AuditStore store, AuditSpool spool, PatientRefs refs, TimeProvider clock, ILogger<InboxAudit> log)
    : IInboxRecorder
{
    /// <summary>Rows per COPY transaction and per spool file (a spool file is read back whole when replayed).</summary>
    internal const int BatchRows = 20_000;

    public string Record(ScoredRows rows, LoadedModel model, CancellationToken cancellation)
    {
        string requestId = Guid.CreateVersion7().ToString();
        var at = clock.GetUtcNow();
        bool reachable = true;
        var batch = new List<AuditRecord>(Math.Min(BatchRows, Math.Max(rows.Count, 1)));
        foreach (var chunk in rows.Chunks)
        {
            for (int r = 0; r < chunk.Probabilities.Length; r++)
            {
                double probability = chunk.Probabilities[r];
                batch.Add(new AuditRecord(requestId, chunk.SourceRows[r], at, AuditChannel.Inbox, null, model.Version,
                    refs.For(chunk.PatientIds[r]), refs.Hashed, probability, model.IsPositive(probability)));
                if (batch.Count < BatchRows) continue;
                reachable = Deliver(batch, reachable, cancellation);
                batch.Clear();
            }
        }
        if (batch.Count > 0) Deliver(batch, reachable, cancellation);
        return requestId;
    }

    /// <summary>Writes a batch, or spools it when the database is away (once away, the file's remaining batches go
    /// straight to the spool rather than wait for a connection timeout each). True while the database answers.</summary>
    private bool Deliver(List<AuditRecord> batch, bool reachable, CancellationToken cancellation)
    {
        if (reachable)
        {
            try
            {
                // The request id is new, so no row of it can be stored yet: a plain COPY (a replay of the spool, later,
                // goes through the conflict-skipping path).
                store.WriteFreshAsync(batch, cancellation).GetAwaiter().GetResult();
                return true;
            }
            catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException || ex is OperationCanceledException)
            {
                FleetLog.AuditInboxSpooling(log, ex.Message.Split('\n')[0]);
            }
        }
        string file = spool.Write(batch);
        FleetLog.AuditSpooled(log, batch.Count, Path.GetFileName(file));
        return false;
    }
}
