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

    public static ColumnBuilder Create(ParquetColumn column, int rowCount) => column.PhysicalType switch
    {
        PhysicalType.Boolean => new FixedColumnBuilder<bool>(column, rowCount),
        PhysicalType.Int32 => new FixedColumnBuilder<int>(column, rowCount),
        PhysicalType.Int64 => new FixedColumnBuilder<long>(column, rowCount),
        PhysicalType.Int96 => new FixedColumnBuilder<Int96>(column, rowCount),
        PhysicalType.Float => new FixedColumnBuilder<float>(column, rowCount),
        PhysicalType.Double => new FixedColumnBuilder<double>(column, rowCount),
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
        return (int)Math.Min(RowCount, Math.Max(needed, Math.Max(1024L, 2L * current)));
    }
}
