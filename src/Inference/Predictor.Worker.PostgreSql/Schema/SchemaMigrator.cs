using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Predictor.Worker.PostgreSql.Schema;

/// <summary>
/// Creates and upgrades the fleet schema from the versioned SQL files embedded in this assembly
/// (<c>Migrations/NNNN_name.sql</c>). Every replica runs it at start-up; a transaction-scoped advisory lock makes
/// concurrent replicas apply each migration once, and <c>schema_version</c> records what has been applied.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Arbitrary but fixed: the advisory lock every replica takes while migrating.</summary>
    private const long MigrationLock = 0x5052_4544_4943_5452; // "PREDICTR"

    private const string ResourcePrefix = "Predictor.Worker.PostgreSql.Migrations.";

    /// <summary>The migrations this build knows, in order.</summary>
    public static IReadOnlyList<Migration> Known { get; } = LoadKnown();

    public static int LatestKnownVersion => Known[^1].Version;

    /// <summary>Applies what is missing; returns the versions applied now (empty when the schema was current).</summary>
    /// <exception cref="FleetDatabaseException">Unreachable database, or a schema newer than this build.</exception>
    public static async Task<IReadOnlyList<int>> MigrateAsync(FleetDatabase database, CancellationToken cancellation = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
            await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellation).ConfigureAwait(false);
            await Execute(connection, transaction,
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellation).ConfigureAwait(false);
            int current;
            await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction))
            {
                current = (int)(await read.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
            }
            if (current > LatestKnownVersion)
            {
                throw new FleetDatabaseException(
                    $"the fleet database {database.Server} has schema version {current}, newer than this worker knows ({LatestKnownVersion}); upgrade the worker.");
            }
            var applied = new List<int>();
            foreach (var migration in Known.Where(m => m.Version > current))
            {
                await Execute(connection, transaction, migration.Sql, cancellation).ConfigureAwait(false);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction);
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                await record.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
                applied.Add(migration.Version);
            }
            await transaction.CommitAsync(cancellation).ConfigureAwait(false);
            return applied;
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is NpgsqlException && ex is not PostgresException)
        {
            throw new FleetDatabaseException($"cannot reach the fleet database {database.Server}: {FirstLine(ex)}", ex);
        }
        catch (PostgresException ex)
        {
            throw new FleetDatabaseException($"the fleet database {database.Server} refused the schema migration: {ex.SqlState} {ex.MessageText}", ex);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    private static string FirstLine(Exception ex)
    {
        var inner = ex.InnerException is { } i && ex.Message.StartsWith("Exception while", StringComparison.Ordinal) ? i : ex;
        return inner.Message.Split('\n')[0].Trim();
    }

    private static Migration[] LoadKnown()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToArray();
        // Versions must run 1, 2, 3...: a gap or a duplicate is a packaging mistake, caught on first use.
        for (int i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"embedded migrations are not numbered 1..{migrations.Length} (found {migrations[i].Name} at position {i + 1}).");
        }
        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        string name = resource[ResourcePrefix.Length..^".sql".Length];
        int version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, name, reader.ReadToEnd());
    }
}

/// <summary>One versioned schema change.</summary>
public sealed record Migration(int Version, string Name, string Sql);
