namespace Predictor.Data.Parquet.Metadata;

/// <summary>The header in front of every page of a column chunk (parquet.thrift <c>PageHeader</c>).</summary>
public sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public int? Crc { get; set; }

    public DataPageHeader? DataPageHeader { get; set; }

    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }
}

/// <summary>Header of a version 1 data page: levels and values share one compressed body.</summary>
public sealed class DataPageHeader
{
    public int NumValues { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public ParquetEncoding DefinitionLevelEncoding { get; set; }

    public ParquetEncoding RepetitionLevelEncoding { get; set; }

    public Statistics? Statistics { get; set; }
}

/// <summary>Header of a dictionary page.</summary>
public sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public bool? IsSorted { get; set; }
}

/// <summary>Header of a version 2 data page: levels are stored uncompressed in front of the (maybe compressed) values.</summary>
public sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public Statistics? Statistics { get; set; }
}
