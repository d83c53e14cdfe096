namespace Predictor.Worker.PostgreSql.Audit;

/// <summary>How a prediction was asked for.</summary>
public enum AuditChannel
{
    Http,
    Job,
}

/// <summary>
/// One prediction as the audit trail keeps it: no feature values. (<see cref="RequestId"/>, <see cref="Item"/>) is
/// the record's identity, so writing it twice (a replayed spool file) stores it once.
/// </summary>
public sealed record AuditRecord(
    string RequestId, int Item, DateTimeOffset PredictedAt, AuditChannel Channel, Guid? JobId, string ModelVersion,
    string PatientRef, bool PatientRefHashed, double Probability, bool PredictedResistant);
