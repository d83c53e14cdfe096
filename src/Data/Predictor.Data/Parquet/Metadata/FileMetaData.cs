namespace Predictor.Data.Parquet.Metadata;

/// <summary>The file footer: schema, row groups and writer identity (parquet.thrift <c>FileMetaData</c>).</summary>
public sealed class FileMetaData
{
    public int Version { get; set; }

    public List<SchemaElement> Schema { get; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; } = [];

    public List<KeyValuePair<string, string?>> KeyValueMetadata { get; } = [];

    public string? CreatedBy { get; set; }
}

/// <summary>One node of the schema tree; in a flat schema the root followed by one leaf per column.</summary>
public sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public Repetition? RepetitionType { get; set; }

    public string Name { get; set; } = "";

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    public int? FieldId { get; set; }

    /// <summary>The logical type annotation, when the writer set one this reader knows.</summary>
    public LogicalTypeAnnotation? LogicalType { get; set; }
}

/// <summary>Kinds of logical type annotation (parquet.thrift <c>LogicalType</c> union members).</summary>
public enum LogicalTypeKind
{
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
}

/// <summary>A logical type annotation with the parameters of its kind.</summary>
public sealed record LogicalTypeAnnotation(LogicalTypeKind Kind)
{
    public int Scale { get; init; }

    public int Precision { get; init; }

    public bool IsAdjustedToUtc { get; init; }

    public TimeUnit Unit { get; init; }

    public int BitWidth { get; init; }

    public bool IsSigned { get; init; }
}

/// <summary>A horizontal slice of the file holding one column chunk per column.</summary>
public sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }
}

/// <summary>Where one column's chunk of a row group lives (parquet.thrift <c>ColumnChunk</c>).</summary>
public sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }
}

/// <summary>Sizes, codec, encodings and page offsets of one column chunk.</summary>
public sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }

    public List<ParquetEncoding> Encodings { get; } = [];

    public List<string> PathInSchema { get; } = [];

    public CompressionCodec Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; }

    public long? IndexPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }
}

/// <summary>Column statistics; values are PLAIN-encoded bytes of the column's physical type.</summary>
public sealed class Statistics
{
    /// <summary>Deprecated signed-order maximum (written by old writers).</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated signed-order minimum.</summary>
    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }
}
