namespace Predictor.Data.Parquet.Inspection;

/// <summary>What <c>predictor data inspect</c> prints about a Parquet file: schema, row groups, codecs, encodings, rows.</summary>
public sealed record ParquetFileSummary(
    string FilePath,
    long FileBytes,
    string? CreatedBy,
    long RowCount,
    IReadOnlyList<ParquetColumnSummary> Columns,
    IReadOnlyList<ParquetRowGroupSummary> RowGroups);

/// <summary>One column: name, storage and annotation (e.g. <c>BYTE_ARRAY STRING OPTIONAL</c>), codecs and encodings used across row groups.</summary>
public sealed record ParquetColumnSummary(
    string Name,
    string Type,
    bool IsOptional,
    IReadOnlyList<string> Codecs,
    IReadOnlyList<string> Encodings,
    long NullCount,
    long CompressedBytes,
    long UncompressedBytes);

/// <summary>One row group: its rows and bytes.</summary>
public sealed record ParquetRowGroupSummary(int Index, long RowCount, long CompressedBytes, long UncompressedBytes);
