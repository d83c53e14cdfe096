using Predictor.Training.Concurrency;

namespace Predictor.Training.Gbdt.Growing;

/// <summary>
/// The rows of every leaf, each leaf a contiguous range of one index array. Splitting a leaf is stable (rows keep
/// their relative order), so histogram sums run in the same order on every run.
/// </summary>
public sealed class RowPartition
{
    private readonly int[] _rows;
    private readonly int[] _goLeft;
    private readonly int[] _goRight;
    private readonly byte[] _lookup = new byte[256];
    private readonly int[] _blockLeft = new int[RowBlocks.MaxCount];
    private readonly int[] _blockRight = new int[RowBlocks.MaxCount];
    private readonly List<int> _begin = [];
    private readonly List<int> _count = [];
    private readonly ParallelOptions _parallel;

    public RowPartition(int capacity, ParallelOptions parallel)
    {
        _rows = new int[capacity];
        _goLeft = new int[capacity];
        _goRight = new int[capacity];
        _parallel = parallel ?? throw new ArgumentNullException(nameof(parallel));
    }

    public int LeafCount => _begin.Count;

    /// <summary>Starts a tree: one leaf holding <paramref name="rows"/>.</summary>
    public void Reset(ReadOnlySpan<int> rows)
    {
        rows.CopyTo(_rows);
        _begin.Clear();
        _count.Clear();
        _begin.Add(0);
        _count.Add(rows.Length);
    }

    /// <summary>The rows of <paramref name="leaf"/>, ascending; valid until the next split or reset.</summary>
    public ArraySegment<int> Rows(int leaf) => new(_rows, _begin[leaf], _count[leaf]);

    public int Count(int leaf) => _count[leaf];

    /// <summary>
    /// Splits <paramref name="leaf"/> by bin: rows whose bin is marked in <paramref name="goesLeft"/> stay in
    /// <paramref name="leaf"/>, the others form a new leaf whose index is returned.
    /// </summary>
    /// <remarks>
    /// Blocks of the leaf's rows are sorted into left and right in parallel; then each block's share is copied to
    /// where the blocks before it end. The result is the sequential stable partition, whatever the thread count.
    /// </remarks>
    public int Split(int leaf, byte[] bins, IReadOnlyList<bool> goesLeft)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentNullException.ThrowIfNull(goesLeft);
        var lookup = _lookup;
        if (goesLeft is bool[] array)
        {
            // The grower's own arrays: no interface call per bin.
            for (int b = 0; b < array.Length; b++) lookup[b] = array[b] ? (byte)1 : (byte)0;
        }
        else
        {
            for (int b = 0; b < goesLeft.Count; b++) lookup[b] = goesLeft[b] ? (byte)1 : (byte)0;
        }
        // Bins past the feature's last are never seen; clearing them keeps the table exact for the next feature.
        lookup.AsSpan(goesLeft.Count).Clear();
        int begin = _begin[leaf], count = _count[leaf];
        var blocks = RowBlocks.For(count);
        BlockLoop.For(blocks.Count, _parallel, block =>
        {
            int from = begin + blocks.Begin(block), to = from + blocks.Length(block);
            int left = from, right = from;
            for (int i = from; i < to; i++)
            {
                // Written to both sides and kept by one: a branch here would be mispredicted about every other row.
                int row = _rows[i];
                int toLeft = lookup[bins[row]];
                _goLeft[left] = row;
                _goRight[right] = row;
                left += toLeft;
                right += 1 - toLeft;
            }
            _blockLeft[block] = left - from;
            _blockRight[block] = right - from;
        });

        int leftCount = 0;
        for (int b = 0; b < blocks.Count; b++) leftCount += _blockLeft[b];
        BlockLoop.For(blocks.Count, _parallel, block =>
        {
            int leftTo = begin, rightTo = begin + leftCount;
            for (int b = 0; b < block; b++)
            {
                leftTo += _blockLeft[b];
                rightTo += _blockRight[b];
            }
            int from = begin + blocks.Begin(block);
            Array.Copy(_goLeft, from, _rows, leftTo, _blockLeft[block]);
            Array.Copy(_goRight, from, _rows, rightTo, _blockRight[block]);
        });
        _count[leaf] = leftCount;
        _begin.Add(begin + leftCount);
        _count.Add(count - leftCount);
        return _begin.Count - 1;
    }
}
