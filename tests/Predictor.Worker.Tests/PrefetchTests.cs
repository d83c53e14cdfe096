using Predictor.Worker.Inbox;

namespace Predictor.Worker.Tests;

public sealed class PrefetchTests
{
    private static IEnumerable<int> Numbers(int count, Action<int>? onRead = null)
    {
        for (int i = 0; i < count; i++)
        {
            onRead?.Invoke(i);
            yield return i;
        }
    }

    [Fact]
    public void Yields_every_item_in_order_and_reads_at_most_one_ahead()
    {
        int read = -1;
        var seen = new List<int>();
        foreach (int n in Prefetch.Ahead(Numbers(50, i => Volatile.Write(ref read, i)), CancellationToken.None))
        {
            seen.Add(n);
            Thread.Sleep(1);
            // One item handed over, one waiting in the queue, one being read: never further ahead than that.
            Assert.InRange(Volatile.Read(ref read), n, n + 2);
        }
        Assert.Equal(Enumerable.Range(0, 50), seen);
    }

    [Fact]
    public void A_read_failure_surfaces_as_itself_after_the_items_before_it()
    {
        static IEnumerable<int> Failing()
        {
            yield return 1;
            throw new UnusableFileException("row group 1 is damaged");
        }
        var seen = new List<int>();
        var ex = Assert.Throws<UnusableFileException>(() =>
        {
            foreach (int n in Prefetch.Ahead(Failing(), CancellationToken.None)) seen.Add(n);
        });
        Assert.Equal("row group 1 is damaged", ex.Message);
        Assert.Equal([1], seen);
    }

    [Fact]
    public void Cancellation_part_way_is_an_error_not_a_short_file()
    {
        using var stop = new CancellationTokenSource();
        var seen = new List<int>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (int n in Prefetch.Ahead(Numbers(1000), stop.Token))
            {
                seen.Add(n);
                if (n == 3) stop.Cancel();
            }
        });
        Assert.True(seen.Count < 1000);
    }
}
