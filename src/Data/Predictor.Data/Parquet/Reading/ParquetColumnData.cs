using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Reading;

/// <summary>
/// The decoded values of one column over one row group, in row order. Null rows hold a default value in
/// <c>Values</c> and are marked in <see cref="Validity"/>. The subclass is chosen by the physical type:
/// <see cref="ParquetColumnData{T}"/> for fixed-width types and <see cref="ParquetBinaryColumnData"/> for byte arrays.
/// </summary>
public abstract class ParquetColumnData
{
    protected ParquetColumnData(ParquetColumn column, int rowCount, bool[]? validity)
    {
        Column = column;
        RowCount = rowCount;
        Validity = validity;
    }

    public ParquetColumn Column { get; }

    public int RowCount { get; }

    /// <summary>Per row, true when a value is present; null when every row has a value.</summary>
    public bool[]? Validity { get; }

    public bool IsNull(int row) => Validity is not null && !Validity[row];

    public int NullCount
    {
        get
        {
            if (Validity is null) return 0;
            int n = 0;
            foreach (bool v in Validity) if (!v) n++;
            return n;
        }
    }
}

/// <summary>Values of a fixed-width physical type: bool, int, long, <see cref="Int96"/>, float or double.</summary>
public sealed class ParquetColumnData<T> : ParquetColumnData where T : unmanaged
{
    internal ParquetColumnData(ParquetColumn column, T[] values, int rowCount, bool[]? validity) : base(column, rowCount, validity)
    {
        Values = values;
    }

    /// <summary>One value per row (exactly <see cref="ParquetColumnData.RowCount"/> long); null rows hold default(T).</summary>
    public T[] Values { get; }
}

/// <summary>
/// Values of BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY columns, stored as one byte buffer and row offsets rather than
/// one array per value, so a million-row string column costs two allocations.
/// </summary>
public sealed class ParquetBinaryColumnData : ParquetColumnData
{
    internal ParquetBinaryColumnData(ParquetColumn column, byte[] data, int[] offsets, bool[]? validity) : base(column, offsets.Length - 1, validity)
    {
        Data = data;
        Offsets = offsets;
    }

    /// <summary>Concatenated value bytes.</summary>
    public byte[] Data { get; }

    /// <summary>RowCount + 1 offsets into <see cref="Data"/>; a null row has an empty range.</summary>
    public int[] Offsets { get; }

    public ReadOnlySpan<byte> GetBytes(int row) => Data.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    public string GetString(int row) => System.Text.Encoding.UTF8.GetString(GetBytes(row));
}
