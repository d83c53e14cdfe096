using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Predictor.Worker.Configuration;

namespace Predictor.Worker.Models;

/// <summary>
/// Reloads the model when its file is replaced: file-system notifications (including a rename over the file) give a
/// quick reaction, and a periodic check of size and write time catches what notifications miss.
/// </summary>
internal sealed class ModelWatcher(ModelStore store, IOptions<WorkerOptions> options) : BackgroundService
{
    // Writers often create then fill a file; waiting briefly after the last event avoids reading it half-written
    // (a half-written file would be rejected anyway and retried on the next event or poll).
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var signal = new SemaphoreSlim(0, int.MaxValue);
        string path = store.ModelPath;
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        void Wake(object? sender, EventArgs e) => signal.Release();
        watcher.Changed += Wake;
        watcher.Created += Wake;
        watcher.Renamed += Wake;
        watcher.Deleted += Wake;
        watcher.EnableRaisingEvents = true;

        var stamp = Stamp(path);
        var poll = options.Value.ModelReload.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool notified;
            try
            {
                notified = await signal.WaitAsync(poll, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = Stamp(path);
            if (!notified && now == stamp) continue;
            await Task.Delay(Debounce, stoppingToken).ConfigureAwait(false);
            while (signal.CurrentCount > 0) await signal.WaitAsync(stoppingToken).ConfigureAwait(false);
            stamp = Stamp(path);
            store.TryReload();
        }
    }

    private static (long Length, DateTime Written) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
    }
}
