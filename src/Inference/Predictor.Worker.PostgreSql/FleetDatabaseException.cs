namespace Predictor.Worker.PostgreSql;

/// <summary>The fleet database cannot be used (unreachable, refused, or its schema is not one this build knows);
/// the message is one line naming the server and the reason, never a connection password.</summary>
public sealed class FleetDatabaseException : Exception
{
    public FleetDatabaseException() { }

    public FleetDatabaseException(string message) : base(message) { }

    public FleetDatabaseException(string message, Exception innerException) : base(message, innerException) { }
}
