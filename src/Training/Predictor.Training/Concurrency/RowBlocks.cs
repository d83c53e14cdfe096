namespace Predictor.Training.Concurrency;

/// <summary>
/// Cuts a run of rows into consecutive blocks for parallel work. The cut depends only on the number of rows, never on
/// the thread count: that is what keeps block-wise sums (histograms) and block-wise partitions identical bit for bit
/// whatever the thread count.
/// </summary>
public readonly record struct RowBlocks
{
    /// <summary>Smallest block worth a thread: per-block setup (a histogram to clear and add) must stay small.</summary>
    public const int MinRows = 8_192;

    /// <summary>Enough blocks to keep a few threads busy; more would only add per-block work.</summary>
    public const int MaxCount = 16;

    private RowBlocks(int rows, int count)
    {
        Rows = rows;
        Count = count;
        Size = (rows + count - 1) / count;
    }

    public int Rows { get; }

    public int Count { get; }

    public int Size { get; }

    public static RowBlocks For(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return new RowBlocks(rows, Math.Clamp(rows / MinRows, 1, MaxCount));
    }

    public int Begin(int block) => Math.Min(Rows, block * Size);

    public int Length(int block) => Math.Min(Rows, (block + 1) * Size) - Begin(block);
}
