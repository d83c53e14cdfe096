using System.Net.Sockets;
using Npgsql;

namespace Predictor.Worker.PostgreSql;

/// <summary>
/// The fleet's shared PostgreSQL database: one pooled data source per process, and the rule for telling "the database
/// is unreachable right now" (pause and retry) apart from everything else (a bug or a bad request).
/// </summary>
public sealed class FleetDatabase : IAsyncDisposable
{
    public FleetDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new FleetDatabaseException($"Worker:Database:ConnectionString is not a valid PostgreSQL connection string ({ex.Message}).", ex);
        }
        // A fleet member retries on its own schedule; a long connect timeout would only stall the retry loops.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) settings.Timeout = 5;
        Server = $"{settings.Host}:{settings.Port}/{settings.Database}";
        DataSource = NpgsqlDataSource.Create(settings);
    }

    /// <summary>host:port/database, for messages (the connection string may carry a password).</summary>
    public string Server { get; }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellation) => DataSource.OpenConnectionAsync(cancellation);

    /// <summary>
    /// Whether an exception means the database is (for now) out of reach: refused or broken connections, a server
    /// shutting down or restarting, a timeout. Such failures pause work; other failures are real errors.
    /// </summary>
    public static bool IsUnavailable(Exception error) => error switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)                 // admin shutdown, crash shutdown, cannot connect now
            || pg.SqlState == "53300",                                                  // too many connections
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => false,
    };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
