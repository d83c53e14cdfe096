using Microsoft.Extensions.Logging;

namespace Predictor.Worker.Diagnostics;

/// <summary>
/// Counts requests shed under overload (metric <c>predictor.worker.requests.rejected</c>, by reason) and logs them as
/// at most one summary line per interval, so an overload cannot flood the log with a line per refused request.
/// </summary>
internal sealed class RejectionLog(WorkerMetrics metrics, TimeProvider clock, ILogger<RejectionLog> log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private long _pendingBusy;
    private long _pendingQueueFull;
    private long _pendingConnections;
    private long _lastLogged = long.MinValue;

    /// <summary>A request refused before it was read: too many requests were already in progress.</summary>
    public void Busy()
    {
        metrics.Rejected("concurrency");
        Interlocked.Increment(ref _pendingBusy);
        MaybeLog();
    }

    /// <summary>A connection refused unread: too many connections were open.</summary>
    public void TooManyConnections()
    {
        metrics.Rejected("connections");
        Interlocked.Increment(ref _pendingConnections);
        MaybeLog();
    }

    /// <summary>A request refused after validation: the scoring queue was full.</summary>
    public void QueueFull()
    {
        metrics.Rejected("queue-full");
        Interlocked.Increment(ref _pendingQueueFull);
        MaybeLog();
    }

    private void MaybeLog()
    {
        long now = clock.GetTimestamp();
        if (Volatile.Read(ref _lastLogged) != long.MinValue && clock.GetElapsedTime(Volatile.Read(ref _lastLogged), now) < Interval) return;
        lock (_gate)
        {
            if (_lastLogged != long.MinValue && clock.GetElapsedTime(_lastLogged, now) < Interval) return;
            long busy = Interlocked.Exchange(ref _pendingBusy, 0);
            long queueFull = Interlocked.Exchange(ref _pendingQueueFull, 0);
            long connections = Interlocked.Exchange(ref _pendingConnections, 0);
            double seconds = _lastLogged == long.MinValue ? 0 : clock.GetElapsedTime(_lastLogged, now).TotalSeconds;
            Volatile.Write(ref _lastLogged, now);
            Log.RequestsShed(log, connections, busy, queueFull, seconds);
        }
    }
}
