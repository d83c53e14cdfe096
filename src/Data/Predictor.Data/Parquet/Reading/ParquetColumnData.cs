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
            // Only the first RowCount flags: the writer may hand over pooled arrays that are longer.
            return RowCount - ((ReadOnlySpan<bool>)Validity.AsSpan(0, RowCount)).Count(true);
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

    /// <summary>Wraps values (one per row) and optional validity for the writer; the arrays are used as-is, not copied.</summary>
    public ParquetColumnData(ParquetColumn column, T[] values, bool[]? validity) : this(column, values, values?.Length ?? 0, validity)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (validity is not null && validity.Length != values.Length)
            throw new ArgumentException($"Column '{column.Name}' has {values.Length} values but {validity.Length} validity flags.", nameof(validity));
    }

    /// <summary>One value per row (exactly <see cref="ParquetColumnData.RowCount"/> long); null rows hold default(T).</summary>
    public T[] Values { get; }
}

/// <summary>
/// Values of BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY columns, stored as one byte buffer and row offsets rather than
/// one array per value. When every page of the chunk was dictionary-encoded the values stay as
/// <see cref="Dictionary"/> plus per-row <see cref="DictionaryIndices"/>, so callers can decode each distinct
/// value once; <see cref="Data"/> and <see cref="Offsets"/> are then built on first use.
/// </summary>
public sealed class ParquetBinaryColumnData : ParquetColumnData
{
    private byte[]? _data;
    private int[]? _offsets;

    /// <summary>Wraps value bytes and RowCount + 1 offsets (used as-is, not copied); null rows should have empty ranges.</summary>
    public ParquetBinaryColumnData(ParquetColumn column, byte[] data, int[] offsets, bool[]? validity) : base(column, (offsets?.Length ?? 1) - 1, validity)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] > data.Length)
            throw new ArgumentException($"Column '{column.Name}' has offsets that do not describe its {data.Length} bytes.", nameof(offsets));
        if (validity is not null && validity.Length != offsets.Length - 1)
            throw new ArgumentException($"Column '{column.Name}' has {offsets.Length - 1} values but {validity.Length} validity flags.", nameof(validity));
        _data = data;
        _offsets = offsets;
    }

    /// <summary>Dictionary form: one index into <paramref name="dictionary"/> per row (null rows hold -1; the indices array is used as-is).</summary>
    public ParquetBinaryColumnData(ParquetColumn column, ParquetBinaryColumnData dictionary, int[] indices, bool[]? validity) : base(column, indices?.Length ?? 0, validity)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(indices);
        if (validity is not null && validity.Length != indices.Length)
            throw new ArgumentException($"Column '{column.Name}' has {indices.Length} values but {validity.Length} validity flags.", nameof(validity));
        Dictionary = dictionary;
        DictionaryIndices = indices;
    }

    /// <summary>The distinct values, when the chunk was entirely dictionary-encoded; otherwise null.</summary>
    public ParquetBinaryColumnData? Dictionary { get; }

    /// <summary>Per row, the index into <see cref="Dictionary"/> (-1 for null rows); null when there is no dictionary.</summary>
    public int[]? DictionaryIndices { get; }

    /// <summary>Concatenated value bytes.</summary>
    public byte[] Data
    {
        get
        {
            Materialize();
            return _data!;
        }
    }

    /// <summary>RowCount + 1 offsets into <see cref="Data"/>; a null row has an empty range.</summary>
    public int[] Offsets
    {
        get
        {
            Materialize();
            return _offsets!;
        }
    }

    public ReadOnlySpan<byte> GetBytes(int row)
    {
        if (DictionaryIndices is { } indices)
        {
            int index = indices[row];
            return index < 0 ? [] : Dictionary!.GetBytes(index);
        }
        return _data.AsSpan(_offsets![row], _offsets[row + 1] - _offsets[row]);
    }

    public string GetString(int row) => System.Text.Encoding.UTF8.GetString(GetBytes(row));

    private void Materialize()
    {
        if (_offsets is not null) return;
        var offsets = new int[RowCount + 1];
        long total = 0;
        for (int row = 0; row < RowCount; row++)
        {
            total += GetBytes(row).Length;
            if (total > Array.MaxLength) throw new InvalidOperationException($"Column '{Column.Name}' holds more than {Array.MaxLength} bytes.");
            offsets[row + 1] = (int)total;
        }
        var data = new byte[total];
        for (int row = 0; row < RowCount; row++) GetBytes(row).CopyTo(data.AsSpan(offsets[row]));
        _data = data;
        _offsets = offsets;
    }
}
