using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Reads the next chunk of a file on another thread while the caller scores and writes the current one, so reading
/// and scoring overlap. At most one chunk is read ahead, which keeps memory bounded to about two row groups.
/// </summary>
internal static class Prefetch
{
    public static IEnumerable<T> Ahead<T>(IEnumerable<T> source, CancellationToken cancellation)
    {
        using var queue = new BlockingCollection<(T Item, ExceptionDispatchInfo? Error)>(boundedCapacity: 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var item in source)
                {
                    queue.Add((item, null), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early (an error or shutdown): nothing more to hand over.
            }
#pragma warning disable CA1031 // Any read failure is handed to the consumer, which rethrows it as itself.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                try
                {
                    queue.Add((default!, ExceptionDispatchInfo.Capture(ex)), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // The consumer already stopped; it no longer needs the error.
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var (item, error) in queue.GetConsumingEnumerable(CancellationToken.None))
            {
                error?.Throw();
                yield return item;
            }
            // A read stopped by cancellation ends the sequence early: that must not look like the end of the file.
            cancellation.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            // Let the producer finish (it holds the file open) before the caller moves the file.
            producer.Wait(CancellationToken.None);
        }
    }
}
