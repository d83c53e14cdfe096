using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Reading;

/// <summary>
/// Accumulates one column chunk's values page by page. Values arrive densely (nulls are not stored in pages);
/// <see cref="Build"/> spreads them to their rows using the validity the page reader collected.
/// Storage grows as pages actually decode, never to a size a header merely claims.
/// </summary>
internal abstract class ColumnBuilder
{
    protected ColumnBuilder(ParquetColumn column, int rowCount)
    {
        Column = column;
        RowCount = rowCount;
    }

    protected ParquetColumn Column { get; }

    protected int RowCount { get; }

    /// <summary>Number of (non-null) values appended so far.</summary>
    public int Count { get; protected set; }

    /// <summary>
    /// A builder for the column's physical type. <paramref name="recycled"/>, when given, is an earlier result of the
    /// same column whose values the caller has finished with: its value array is reused as storage, so a reader
    /// copying row group after row group into one table allocates once per column rather than once per row group.
    /// </summary>
    public static ColumnBuilder Create(ParquetColumn column, int rowCount, ParquetColumnData? recycled = null) => column.PhysicalType switch
    {
        PhysicalType.Boolean => new FixedColumnBuilder<bool>(column, rowCount, recycled),
        PhysicalType.Int32 => new FixedColumnBuilder<int>(column, rowCount, recycled),
        PhysicalType.Int64 => new FixedColumnBuilder<long>(column, rowCount, recycled),
        PhysicalType.Int96 => new FixedColumnBuilder<Int96>(column, rowCount, recycled),
        PhysicalType.Float => new FixedColumnBuilder<float>(column, rowCount, recycled),
        PhysicalType.Double => new FixedColumnBuilder<double>(column, rowCount, recycled),
        PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => new BinaryColumnBuilder(column, rowCount),
        _ => throw new EncodingException($"unknown physical type {column.PhysicalType}"),
    };

    public abstract bool HasDictionary { get; }

    /// <summary>Decodes a PLAIN-encoded dictionary page of <paramref name="count"/> entries.</summary>
    public abstract void SetDictionary(ReadOnlySpan<byte> data, int count);

    /// <summary>Decodes <paramref name="count"/> non-null values of one data page and appends them.</summary>
    public abstract void Append(ParquetEncoding encoding, ReadOnlySpan<byte> data, int count);

    public abstract ParquetColumnData Build(bool[]? validity);

    /// <summary>Decodes dictionary indices (a bit-width byte, then RLE/bit-packed hybrid) and checks each against the dictionary size.</summary>
    protected static void DecodeIndices(ReadOnlySpan<byte> data, Span<int> indices, int dictionarySize)
    {
        if (indices.Length == 0) return;
        if (data.Length == 0) throw new EncodingException("dictionary-encoded page has no index bit width");
        int bitWidth = data[0];
        if (bitWidth > 32) throw new EncodingException($"dictionary index bit width {bitWidth} exceeds 32");
        RleBitPackedHybrid.Decode(data[1..], bitWidth, indices);
        foreach (int index in indices)
        {
            if ((uint)index >= (uint)dictionarySize)
                throw new EncodingException($"dictionary index {index} is outside the dictionary of {dictionarySize} entries");
        }
    }

    protected int Grow(int current, int needed)
    {
        if (needed > RowCount) throw new EncodingException($"pages hold more than the row group's {RowCount} values");
        // Start at 64K values (not the declared row count, which a corrupt footer may inflate), then double.
        return (int)Math.Min(RowCount, Math.Max(needed, Math.Max(65536L, 2L * current)));
    }
}
