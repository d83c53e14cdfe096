using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Writing;

/// <summary>How the writer lays out a file. The defaults suit cohort tables: SNAPPY, row groups of 128K rows.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>SNAPPY (default), GZIP or UNCOMPRESSED.</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Snappy;

    /// <summary>Rows per row group: the unit a reader streams, so it bounds the reader's memory.</summary>
    public int RowGroupSize { get; init; } = 131_072;

    /// <summary>Target uncompressed bytes of values per data page.</summary>
    public int PageSizeBytes { get; init; } = 1 << 20;

    /// <summary>Use dictionary encoding for a column chunk when it is smaller than PLAIN (set false to always write PLAIN).</summary>
    public bool UseDictionary { get; init; } = true;

    /// <summary>
    /// Where no dictionary is used, write INT32/INT64 values as DELTA_BINARY_PACKED and strings as
    /// DELTA_LENGTH_BYTE_ARRAY instead of PLAIN (off by default: PLAIN is what every reader handles fastest).
    /// </summary>
    public bool DeltaEncodings { get; init; }

    /// <summary>Data page format: 1 (default, what every reader accepts) or 2 (DataPageHeaderV2: levels stored uncompressed before the values).</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>
    /// Numeric table columns that <see cref="Tables.ParquetTableWriter"/> writes as INT64 with the INT(64, signed)
    /// annotation (what pandas and DuckDB read as integers) instead of DOUBLE; every present value must be a whole number.
    /// </summary>
    public IReadOnlyCollection<string> IntegerColumns { get; init; } = [];

    /// <summary>The <c>created_by</c> string written into the footer.</summary>
    public string CreatedBy { get; init; } = "predictor-parquet version " + (typeof(ParquetWriteOptions).Assembly.GetName().Version?.ToString(3) ?? "0");

    internal void Validate()
    {
        if (Codec is not (CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Uncompressed))
            throw new NotSupportedException($"The Parquet writer writes SNAPPY, GZIP or UNCOMPRESSED, not {Codec}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSizeBytes, 1024);
        if (DataPageVersion is not (1 or 2)) throw new NotSupportedException($"Data page version {DataPageVersion} does not exist; use 1 or 2.");
    }
}
