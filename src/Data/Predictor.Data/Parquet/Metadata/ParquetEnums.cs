namespace Predictor.Data.Parquet.Metadata;

/// <summary>How values are stored on disk (parquet.thrift <c>Type</c>).</summary>
public enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}

/// <summary>Whether a field may be null (parquet.thrift <c>FieldRepetitionType</c>).</summary>
public enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

/// <summary>The legacy type annotation (parquet.thrift <c>ConvertedType</c>).</summary>
public enum ConvertedType
{
    Utf8 = 0,
    Map = 1,
    MapKeyValue = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    TimeMillis = 7,
    TimeMicros = 8,
    TimestampMillis = 9,
    TimestampMicros = 10,
    UInt8 = 11,
    UInt16 = 12,
    UInt32 = 13,
    UInt64 = 14,
    Int8 = 15,
    Int16 = 16,
    Int32 = 17,
    Int64 = 18,
    Json = 19,
    Bson = 20,
    Interval = 21,
}

/// <summary>Value and level encodings (parquet.thrift <c>Encoding</c>).</summary>
public enum ParquetEncoding
{
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}

/// <summary>Page compression codecs (parquet.thrift <c>CompressionCodec</c>).</summary>
public enum CompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,
    Lz4 = 5,
    Zstd = 6,
    Lz4Raw = 7,
}

/// <summary>Kinds of page in a column chunk (parquet.thrift <c>PageType</c>).</summary>
public enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>Unit of a TIMESTAMP or TIME logical type.</summary>
public enum TimeUnit
{
    Millis,
    Micros,
    Nanos,
}
