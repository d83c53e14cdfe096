namespace Predictor.Worker.PostgreSql.Audit;

/// <summary>How a prediction was asked for.</summary>
public enum AuditChannel
{
    Http,
    Job,
    /// <summary>A file dropped into a fleet worker's own <c>inbox/</c> folder.</summary>
    Inbox,
}

/// <summary>The names of <see cref="AuditChannel"/> as the <c>audit.channel</c> column, the spool and the CLI spell them.</summary>
public static class AuditChannels
{
    public static string Name(AuditChannel channel) => channel switch
    {
        AuditChannel.Http => "http",
        AuditChannel.Job => "job",
        AuditChannel.Inbox => "inbox",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "not an audit channel"),
    };

    public static AuditChannel Parse(string name) => name switch
    {
        "http" => AuditChannel.Http,
        "job" => AuditChannel.Job,
        "inbox" => AuditChannel.Inbox,
        _ => throw new FormatException($"'{name}' is not an audit channel (expected http, job or inbox)."),
    };
}

/// <summary>
/// One prediction as the audit trail keeps it: no feature values. (<see cref="RequestId"/>, <see cref="Item"/>) is
/// the record's identity, so writing it twice (a replayed spool file) stores it once.
/// </summary>
public sealed record AuditRecord(
    string RequestId, int Item, DateTimeOffset PredictedAt, AuditChannel Channel, Guid? JobId, string ModelVersion,
    string PatientRef, bool PatientRefHashed, double Probability, bool PredictedResistant);
