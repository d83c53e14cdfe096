namespace Predictor.Data.Parquet.Tables;

/// <summary>Compression for the pages <see cref="ParquetTableWriter"/> writes.</summary>
public enum ParquetCompression
{
    Snappy,
    Gzip,
    Zstd,
    None,
}

/// <summary>How <see cref="ParquetTableWriter"/> lays out a file. The defaults suit cohort tables: SNAPPY, row groups of 128K rows.</summary>
public sealed record ParquetWriteOptions
{
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Rows per row group: the unit a reader streams, so it bounds the reader's memory.</summary>
    public int RowGroupSize { get; init; } = 131_072;

    /// <summary>
    /// Numeric table columns written as INT64 (what pandas and DuckDB read as integers) instead of DOUBLE; every
    /// present value must be a whole number.
    /// </summary>
    public IReadOnlyCollection<string> IntegerColumns { get; init; } = [];

    /// <summary>Extra key-value metadata for the footer (the writer adds the categorical levels itself).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    internal global::Parquet.ParquetOptions ToLibraryOptions()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupSize, 1);
        return new global::Parquet.ParquetOptions
        {
            CompressionMethod = Compression switch
            {
                ParquetCompression.Snappy => global::Parquet.CompressionMethod.Snappy,
                ParquetCompression.Gzip => global::Parquet.CompressionMethod.Gzip,
                ParquetCompression.Zstd => global::Parquet.CompressionMethod.Zstd,
                ParquetCompression.None => global::Parquet.CompressionMethod.None,
                _ => throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "unknown compression"),
            },
        };
    }
}
