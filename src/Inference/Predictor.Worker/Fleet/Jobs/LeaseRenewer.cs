using System.Diagnostics;
using Predictor.Worker.PostgreSql;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// Keeps a lease (a chunk's while it is scored, a job's submit while its file is stored) alive from a thread of its
/// own, with synchronous database calls, until <see cref="Stop"/>. On the thread pool a renewal waited for a pool
/// thread behind the scoring: in the lease test on a busy 2-core machine renewals due every 1.7 s came 3.5 to 8 s
/// apart while the database answered each in 0-3 ms and garbage collection paused nothing, the 5 s lease lapsed and a
/// second worker scored the chunk again. A heartbeat that must not wait behind the work it guards gets its own thread
/// (as Kafka's consumer heartbeat does).
/// </summary>
internal sealed class LeaseRenewer
{
    private readonly object _gate = new(); // a monitor, not a Lock: the thread waits on it between renewals
    private readonly TimeSpan _interval;
    private readonly Func<bool> _renew;
    private readonly Action<LeaseRenewal>? _renewed;
    private readonly Action? _lost;
    private readonly Action<Exception>? _failed;
    private bool _stopping;
    private CancellationTokenRegistration _stopRegistration;

    private LeaseRenewer(TimeSpan interval, Func<bool> renew, Action<LeaseRenewal>? renewed, Action? lost, Action<Exception>? failed)
    {
        _interval = interval;
        _renew = renew;
        _renewed = renewed;
        _lost = lost;
        _failed = failed;
    }

    /// <summary>
    /// Renews every <paramref name="interval"/>: <paramref name="renew"/> returns false when the lease is no longer
    /// this worker's (then <paramref name="lost"/> runs and renewing ends). A database out of reach is retried at the
    /// next interval, while the lease may still hold; any other failure ends renewing (<paramref name="failed"/> says
    /// why: the lease lapses, and the commit or another worker's takeover settles the chunk). <paramref name="stop"/>
    /// (the host stopping) also stops it.
    /// </summary>
    public static LeaseRenewer Start(
        string name, TimeSpan interval, Func<bool> renew, Action<LeaseRenewal>? renewed = null, Action? lost = null,
        Action<Exception>? failed = null, CancellationToken stop = default)
    {
        var renewer = new LeaseRenewer(interval, renew, renewed, lost, failed);
        // Registered before the thread starts and dropped when it ends: the host's token lives as long as the worker,
        // and a registration per chunk left behind would keep every renewer (and its chunk) alive.
        renewer._stopRegistration = stop.Register(renewer.Stop);
        new Thread(renewer.Run) { IsBackground = true, Name = name }.Start();
        return renewer;
    }

    /// <summary>
    /// No renewal starts after this. One in flight finishes on its own and is not reported: it may have waited for
    /// the row lock of the commit that ends the lease, so waiting for it here could wait for that very commit.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
    }

    private bool Stopping
    {
        get
        {
            lock (_gate) return _stopping;
        }
    }

    private void Run()
    {
        try
        {
            Renew();
        }
        finally
        {
            _stopRegistration.Unregister();
        }
    }

    private void Renew()
    {
        long renewedAt = Stopwatch.GetTimestamp(); // the lease was taken (or renewed) about now
        var pausedBefore = GC.GetTotalPauseDuration();
        while (true)
        {
            lock (_gate)
            {
                if (!_stopping) Monitor.Wait(_gate, _interval);
                if (_stopping) return;
            }
            long calling = Stopwatch.GetTimestamp();
            bool held;
            try
            {
                held = _renew();
            }
            catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException)
            {
                continue; // the database is away: keep trying while the lease may still be ours
            }
            catch (Exception) when (Stopping)
            {
                return; // the host is going (its data source may be disposed already)
            }
            catch (Exception ex)
            {
                // On a thread of its own an escaping exception would end the process.
                _failed?.Invoke(ex);
                return;
            }
            if (Stopping) return;
            if (!held)
            {
                _lost?.Invoke();
                return;
            }
            var paused = GC.GetTotalPauseDuration();
            _renewed?.Invoke(new LeaseRenewal(Stopwatch.GetElapsedTime(renewedAt), Stopwatch.GetElapsedTime(calling), paused - pausedBefore));
            renewedAt = Stopwatch.GetTimestamp();
            pausedBefore = paused;
        }
    }
}

/// <summary>
/// One renewal: time since the previous one (or the lease), how much of it the database call took, and how long
/// garbage collection paused the process meanwhile (what is left of a late renewal is a machine short of CPU).
/// </summary>
internal readonly record struct LeaseRenewal(TimeSpan SincePrevious, TimeSpan DatabaseCall, TimeSpan GcPause);
