using System.Diagnostics;
using Npgsql;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Schema;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>Start-up in a fleet: the schema is brought up to date, or the worker stops with one line and exit code 2.</summary>
[Collection(FleetCollection.Name)]
public sealed class StartupTests(SharedCluster shared)
{
    private static async Task<(int ExitCode, string[] Errors)> RunWorker(string connectionString)
    {
        string root = RepoPaths.TempDirectory();
        try
        {
            var host = WorkerHost.Create();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(WorkerApp).Assembly.Location);
            foreach (string a in host.Arguments($"--Worker:Database:ConnectionString={connectionString}")) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = await process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            await stdout;
            await host.DisposeAsync();
            return (process.ExitCode, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task The_database_down_at_start_up_is_one_line_and_exit_code_2()
    {
        int port = MigrationTests.ClosedPort();
        var (exit, errors) = await RunWorker($"Host=127.0.0.1;Port={port};Username=predictor;Database=fleet;Timeout=2");

        Assert.Equal(2, exit);
        string line = Assert.Single(errors);
        Assert.StartsWith("error: Worker:Database: cannot reach the fleet database 127.0.0.1:", line, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_newer_schema_stops_start_up_with_one_line_and_exit_code_2()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        await using (var database = new FleetDatabase(connectionString))
        {
            await SchemaMigrator.MigrateAsync(database);
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (99, 'future')", connection);
            await command.ExecuteNonQueryAsync();
        }

        var (exit, errors) = await RunWorker(connectionString);

        Assert.Equal(2, exit);
        string line = Assert.Single(errors);
        Assert.Contains("schema version 99, newer than this worker knows", line, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Without_a_connection_string_job_routes_say_what_they_need()
    {
        await using var host = await WorkerHost.StartAsync();
        using var response = await host.Client.GetAsync($"/v1/jobs/{Guid.NewGuid()}");

        Assert.Equal(System.Net.HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("Worker:Database:ConnectionString", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
