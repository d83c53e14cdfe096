using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Predictor.Tests.Common;

namespace Predictor.Worker.Tests.Support;

/// <summary>
/// The real worker host, started in-process on 127.0.0.1 with a free port, a copy of the bundled model and its own
/// data folder in a temporary directory.
/// </summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private WebApplication? _app;

    private WorkerHost(string root)
    {
        Root = root;
        ModelPath = Path.Combine(root, "model", "resistance.model.json");
        DataRoot = Path.Combine(root, "data");
        Directory.CreateDirectory(Path.GetDirectoryName(ModelPath)!);
        File.Copy(BundledModel, ModelPath);
    }

    public static string BundledModel => Path.Combine(RepoPaths.Root, "models", "resistance.model.json");

    public string Root { get; }

    public string ModelPath { get; }

    public string DataRoot { get; }

    public string Inbox => Path.Combine(DataRoot, "inbox");

    public string Outbox => Path.Combine(DataRoot, "outbox");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>What the worker logged (entries at or above the host's configured level, Warning by default).</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>The running host's services (for example its meter factory).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>Settings every test host uses: quick polling so tests do not wait on production defaults.</summary>
    public string[] Arguments(params string[] extra) =>
    [
        "--urls", "http://127.0.0.1:0",
        $"--Worker:ModelPath={ModelPath}",
        $"--Worker:DataRoot={DataRoot}",
        "--Worker:Inbox:PollInterval=00:00:00.050",
        "--Worker:Inbox:SettleTime=00:00:00.100",
        "--Worker:ModelReload:PollInterval=00:00:00.200",
        "--Logging:LogLevel:Default=Warning",
        .. extra,
    ];

    public static WorkerHost Create() => new(RepoPaths.TempDirectory());

    public static async Task<WorkerHost> StartAsync(params string[] settings)
    {
        var host = Create();
        await host.StartAppAsync(settings);
        return host;
    }

    public async Task StartAppAsync(params string[] settings)
    {
        _app = WorkerApp.Build(Arguments(settings));
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(Log);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    /// <summary>Waits until a condition holds, failing after a generous bound (never a timing assertion).</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(25);
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file briefly; the temporary folder is cleaned by the OS later.
        }
    }
}
