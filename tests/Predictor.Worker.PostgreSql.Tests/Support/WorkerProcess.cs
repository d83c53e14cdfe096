using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests.Support;

/// <summary>A worker as a separate process (so it can be SIGKILLed), joined to a fleet database.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public HttpClient Client { get; }

    public static async Task<WorkerProcess> StartAsync(string root, string connectionString, params string[] extra)
    {
        int port = FreePort();
        string modelPath = Path.Combine(root, "model", "resistance.model.json");
        if (!File.Exists(modelPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
            File.Copy(WorkerHost.BundledModel, modelPath);
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments =
        [
            typeof(WorkerApp).Assembly.Location,
            "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"--Worker:ModelPath={modelPath}",
            $"--Worker:DataRoot={Path.Combine(root, "data-" + port.ToString(CultureInfo.InvariantCulture))}",
            $"--Worker:Database:ConnectionString={connectionString}",
            "--Worker:Database:RetryInterval=00:00:00.200",
            "--Worker:Jobs:LeaseDuration=00:00:03",
            "--Worker:Jobs:PollInterval=00:00:00.200",
            "--Worker:ModelRegistry:PollInterval=00:00:01",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ];
        foreach (string a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var worker = new WorkerProcess(process, port);
        await WorkerHost.WaitUntilAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"worker exited with {process.ExitCode} at start-up");
            try
            {
                return (await worker.Client.GetAsync("/health/live")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the worker to listen", 60);
        return worker;
    }

    /// <summary>SIGSTOP: the process holds whatever it holds (leases, connections) and does nothing until <see cref="Resume"/> or <see cref="Kill"/>.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("-CONT");

    /// <summary>SIGKILL: no shutdown code runs, leases are simply abandoned.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, ProcessId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {ProcessId} exited with {kill.ExitCode}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
