using System.Collections.Concurrent;
using System.Diagnostics;
using Predictor.Worker.Fleet.Jobs;

namespace Predictor.Worker.Tests;

/// <summary>
/// The fleet's lease renewer on its own (the PostgreSQL tests run it against a real database): it keeps time while the
/// thread pool is starved, stops when told, and ends quietly on a lost lease or an unexpected error.
/// </summary>
[Collection(PoolStarvingCollection.Name)]
public sealed class LeaseRenewerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Renewals_keep_time_while_every_pool_thread_is_blocked()
    {
        var renewals = new ConcurrentQueue<long>();
        using var release = new ManualResetEventSlim();
        // Far more blocking work items than the pool has threads: a timer continuation queued behind them (the
        // renewal as it was, on the pool) waits until the pool has grown past them, seconds on a 2-core machine.
        int blockers = 8 * Environment.ProcessorCount + 16;
        for (int i = 0; i < blockers; i++) ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(), null);
        var renewer = LeaseRenewer.Start("test lease", Interval, () =>
        {
            renewals.Enqueue(Stopwatch.GetTimestamp());
            return true;
        });
        try
        {
            Thread.Sleep(2000);
        }
        finally
        {
            renewer.Stop();
            release.Set();
        }
        var times = renewals.ToArray();
        Assert.InRange(times.Length, 10, 21);
        double longestGapMs = times.Zip(times.Skip(1), (a, b) => (b - a) * 1000.0 / Stopwatch.Frequency).Max();
        Assert.True(longestGapMs < 5 * Interval.TotalMilliseconds, $"a renewal came {longestGapMs:F0} ms after the previous one");
    }

    [Fact]
    public void Nothing_is_renewed_after_stop()
    {
        int calls = 0;
        var renewer = LeaseRenewer.Start("test lease", Interval, () => Interlocked.Increment(ref calls) > 0);
        Thread.Sleep(350);
        renewer.Stop();
        Thread.Sleep(50); // a renewal already under way may still finish
        int atStop = Volatile.Read(ref calls);
        Assert.InRange(atStop, 1, 5);
        Thread.Sleep(4 * (int)Interval.TotalMilliseconds);
        Assert.Equal(atStop, Volatile.Read(ref calls));
    }

    [Fact]
    public void The_host_stopping_stops_renewing_and_a_finished_renewer_is_not_kept_alive_by_the_host_token()
    {
        using var host = new CancellationTokenSource();
        int calls = 0;
        var renewer = StartWeakly(host.Token, () => Interlocked.Increment(ref calls) > 0);
        Thread.Sleep(250);
        host.Cancel();
        Thread.Sleep(2 * (int)Interval.TotalMilliseconds); // its thread ends
        int atStop = Volatile.Read(ref calls);
        Assert.InRange(atStop, 1, 4);
        Thread.Sleep(3 * (int)Interval.TotalMilliseconds);
        Assert.Equal(atStop, Volatile.Read(ref calls));

        // A renewer that ended on its own (lost lease) while the host runs on: the host's token holds nothing of it.
        using var running = new CancellationTokenSource();
        var lost = StartWeakly(running.Token, () => false);
        Thread.Sleep(3 * (int)Interval.TotalMilliseconds);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(lost.IsAlive, "a finished renewer is still reachable (from the host token's registrations)");
        GC.KeepAlive(renewer);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference StartWeakly(CancellationToken stop, Func<bool> renew) =>
        new(LeaseRenewer.Start("test lease", Interval, renew, stop: stop));

    [Fact]
    public void A_lost_lease_is_reported_once_and_renewing_ends()
    {
        int calls = 0, lost = 0, renewed = 0;
        LeaseRenewer.Start("test lease", Interval, () => Interlocked.Increment(ref calls) < 3,
            renewed: _ => Interlocked.Increment(ref renewed), lost: () => Interlocked.Increment(ref lost));
        Thread.Sleep(8 * (int)Interval.TotalMilliseconds);
        Assert.Equal((3, 2, 1), (Volatile.Read(ref calls), Volatile.Read(ref renewed), Volatile.Read(ref lost)));
    }

    [Fact]
    public void A_database_out_of_reach_is_retried_and_an_unexpected_error_ends_renewing_without_ending_the_process()
    {
        int calls = 0;
        Exception? failure = null;
        LeaseRenewer.Start("test lease", Interval, () => Interlocked.Increment(ref calls) switch
        {
            1 or 2 => throw new TimeoutException("the database did not answer"), // out of reach: try again
            3 => true,
            _ => throw new InvalidOperationException("a bug"),
        }, failed: ex => failure = ex);
        Thread.Sleep(10 * (int)Interval.TotalMilliseconds);
        Assert.Equal(4, Volatile.Read(ref calls));
        Assert.IsType<InvalidOperationException>(Volatile.Read(ref failure));
    }
}

/// <summary>Tests that block the thread pool on purpose run alone, so they slow nothing else down.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolStarvingCollection
{
    public const string Name = "pool starving";
}
