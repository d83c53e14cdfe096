using System.CommandLine;
using Predictor.Data.Errors;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Schema;

namespace Predictor.Cli.Input;

/// <summary>The fleet database for the fleet verbs: <c>--database</c>, or the <c>PREDICTOR_DATABASE</c> environment variable.</summary>
internal static class FleetConnection
{
    public const string Variable = "PREDICTOR_DATABASE";

    public static Option<string> Option() => new("--database")
    {
        Description = $"Npgsql connection string of the fleet database (default: the {Variable} environment variable).",
    };

    /// <summary>Opens the database and brings its schema up to date (as a worker would), or fails with one line (exit 2).</summary>
    public static async Task<FleetDatabase> OpenAsync(string? connectionString, CancellationToken cancellation)
    {
        string value = string.IsNullOrWhiteSpace(connectionString) ? Environment.GetEnvironmentVariable(Variable) ?? "" : connectionString;
        if (string.IsNullOrWhiteSpace(value))
            throw new PredictorInputException($"--database: no fleet database given (pass a connection string or set {Variable}).");
        FleetDatabase database;
        try
        {
            database = new FleetDatabase(value);
        }
        catch (FleetDatabaseException ex)
        {
            throw new PredictorInputException("--database: " + ex.Message.Replace("Worker:Database:ConnectionString ", "", StringComparison.Ordinal), ex);
        }
        try
        {
            await SchemaMigrator.MigrateAsync(database, cancellation).ConfigureAwait(false);
        }
        catch (FleetDatabaseException ex)
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw new PredictorInputException("--database: " + ex.Message, ex);
        }
        return database;
    }

    /// <summary>Runs a database action; an unreachable database mid-way is one line and exit code 2.</summary>
    public static async Task<int> Run(string? connectionString, Func<FleetDatabase, Task<int>> action, CancellationToken cancellation)
    {
        await using var database = await OpenAsync(connectionString, cancellation).ConfigureAwait(false);
        try
        {
            return await action(database).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex))
        {
            throw new PredictorInputException($"--database: lost the fleet database {database.Server}: {ex.Message}", ex);
        }
    }

    /// <summary>Who is doing this, for the registry's records.</summary>
    public static string Actor => $"{Environment.UserName}@{Environment.MachineName}";
}
