using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Predictor.Tests.Common;

namespace Predictor.Worker.PostgreSql.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster: <c>initdb</c> into a temporary folder, <c>pg_ctl</c> on a free loopback port,
/// removed on dispose. PostgreSQL refuses to run as root, so under root (CI containers) the server commands run as
/// the <c>postgres</c> user the Debian package creates, through <c>runuser</c>.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string User = "predictor";

    private PostgresCluster(string root, int port)
    {
        Root = root;
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(Root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresCluster> StartAsync()
    {
        string root = Path.Combine(Path.GetTempPath(), "predictor-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        if (IsRoot) await Run("chown", ["postgres:postgres", root], asPostgres: false);
        var cluster = new PostgresCluster(root, FreePort());
        await Run(Binary("initdb"), ["-D", cluster.DataDirectory, "-A", "trust", "-U", User, "-E", "UTF8", "--no-sync", "--locale=C"]);
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>Starts (or restarts) the server on the same port and data.</summary>
    public Task StartServerAsync() => Run(Binary("pg_ctl"),
    [
        "-D", DataDirectory, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {Root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        "start",
    ]);

    /// <summary>Stops the server, disconnecting every client (<c>-m fast</c>: committed data survives).</summary>
    public Task StopServerAsync() => Run(Binary("pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={database};Timeout=3;Command Timeout=60";

    /// <summary>A fresh, empty database on this cluster; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Run(Binary("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the rest of the temporary folder.
        }
    }

    private static string Binary(string name) => Peers.PostgreSqlProgram(name) ?? throw new InvalidOperationException(
        $"PostgreSQL server program '{name}' not found under /usr/lib/postgresql/*/bin or on PATH: install the Debian package 'postgresql' (.ci/run does).");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string program, string[] arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && IsRoot)
        {
            foreach (string a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}

/// <summary>One cluster shared by the tests of a collection (each test takes its own database on it).</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    internal PostgresCluster Cluster { get; private set; } = null!;

    // Without PostgreSQL every test of the collection is skipped (see Peers); xunit still creates the fixture, which
    // then starts nothing. With CI=true the skip is off and a missing program fails here, as it should.
    public async Task InitializeAsync()
    {
        if (Peers.SkipReason([Peers.PostgreSql]) is null) Cluster = await PostgresCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<SharedCluster>
{
    public const string Name = "fleet database";
}
