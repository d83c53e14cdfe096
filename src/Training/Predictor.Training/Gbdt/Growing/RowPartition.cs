namespace Predictor.Training.Gbdt.Growing;

/// <summary>
/// The rows of every leaf, each leaf a contiguous range of one index array. Splitting a leaf is stable (rows keep
/// their relative order), so histogram sums run in the same order on every run.
/// </summary>
public sealed class RowPartition
{
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly List<int> _begin = [];
    private readonly List<int> _count = [];

    public RowPartition(int capacity)
    {
        _rows = new int[capacity];
        _scratch = new int[capacity];
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

    public ReadOnlySpan<int> Rows(int leaf) => _rows.AsSpan(_begin[leaf], _count[leaf]);

    public int Count(int leaf) => _count[leaf];

    /// <summary>
    /// Splits <paramref name="leaf"/> by bin: rows whose bin is marked in <paramref name="goesLeft"/> stay in
    /// <paramref name="leaf"/>, the others form a new leaf whose index is returned.
    /// </summary>
    public int Split(int leaf, ReadOnlySpan<byte> bins, IReadOnlyList<bool> goesLeft)
    {
        ArgumentNullException.ThrowIfNull(goesLeft);
        Span<bool> lookup = stackalloc bool[256];
        for (int b = 0; b < goesLeft.Count; b++) lookup[b] = goesLeft[b];
        int begin = _begin[leaf], count = _count[leaf];
        int left = 0, right = 0;
        for (int i = begin; i < begin + count; i++)
        {
            int row = _rows[i];
            if (lookup[bins[row]]) _rows[begin + left++] = row;
            else _scratch[right++] = row;
        }
        _scratch.AsSpan(0, right).CopyTo(_rows.AsSpan(begin + left));
        _count[leaf] = left;
        _begin.Add(begin + left);
        _count.Add(right);
        return _begin.Count - 1;
    }
}
