using Predictor.Training.Concurrency;
using Predictor.Training.Progress;
using Xunit;

namespace Predictor.Training.Tests.Concurrency;

public sealed class IndependentFitsTests
{
    [Fact]
    public void Results_land_in_index_order_whatever_the_finishing_order()
    {
        // Early indices sleep longest, so they finish last.
        var results = IndependentFits.Run(8, 4, (i, _) =>
        {
            Thread.Sleep((8 - i) * 5);
            return i * i;
        });
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i * i), results);
    }

    [Theory]
    [InlineData(10, 1, 1)]
    [InlineData(10, 2, 1)]
    [InlineData(2, 4, 2)]
    [InlineData(1, 4, 4)]
    public void Each_fit_gets_its_share_of_the_threads(int count, int threads, int expectedShare)
    {
        var shares = IndependentFits.Run(count, threads, (_, share) => share);
        Assert.All(shares, s => Assert.Equal(expectedShare, s));
    }

    [Fact]
    public void No_more_fits_run_at_once_than_threads_given()
    {
        int running = 0, most = 0;
        IndependentFits.Run(12, 3, (_, _) =>
        {
            int now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref most)) && Interlocked.CompareExchange(ref most, now, seen) != seen) { }
            Thread.Sleep(10);
            Interlocked.Decrement(ref running);
            return 0;
        });
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public void The_lowest_failing_index_is_rethrown_as_itself()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => IndependentFits.Run(6, 3, (i, _) =>
        {
            // The later failure happens first in time.
            if (i == 1) Thread.Sleep(50);
            return i is 1 or 4 ? throw new InvalidOperationException($"fit {i}") : i;
        }));
        Assert.Equal("fit 1", ex.Message);
    }

    [Fact]
    public void Progress_counts_up_one_by_one_from_many_threads()
    {
        var reports = new List<WorkProgress>();
        var counter = new ProgressCounter(new ListProgress(reports), "stage", 40);
        IndependentFits.Run(40, 4, (_, _) =>
        {
            counter.Done();
            return 0;
        });
        Assert.Equal(Enumerable.Range(0, 41).Select(i => new WorkProgress("stage", i, 40)), reports);
    }

    private sealed class ListProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
