using System.Globalization;
using System.Text;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Inspection;

/// <summary>Reads a Parquet file's footer only (no data pages) and summarises it.</summary>
public static class ParquetFile
{
    public static ParquetFileSummary Inspect(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        var groups = reader.Metadata.RowGroups;
        var columns = reader.Columns.Select(c =>
        {
            var metas = groups.Select(g => g.Columns[c.Index].MetaData!).ToList();
            return new ParquetColumnSummary(
                c.Name,
                c.PhysicalType,
                c.Describe(),
                c.IsOptional,
                metas.Select(m => Name(m.Codec)).Distinct(StringComparer.Ordinal).ToList(),
                metas.SelectMany(m => m.Encodings).Distinct().Select(Name).ToList(),
                metas.Sum(m => m.Statistics?.NullCount ?? 0),
                metas.Sum(m => m.TotalCompressedSize),
                metas.Sum(m => m.TotalUncompressedSize));
        }).ToList();
        var rowGroups = groups.Select((g, i) => new ParquetRowGroupSummary(
            i, g.NumRows, g.Columns.Sum(c => c.MetaData!.TotalCompressedSize), g.Columns.Sum(c => c.MetaData!.TotalUncompressedSize))).ToList();
        return new ParquetFileSummary(path, new FileInfo(path).Length, reader.Metadata.CreatedBy, reader.RowCount, columns, rowGroups);
    }

    /// <summary>A plain-text rendering of the summary for the CLI.</summary>
    public static string Format(ParquetFileSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{Path.GetFileName(summary.FilePath)}: Parquet, {summary.RowCount} rows, {summary.Columns.Count} columns, {summary.RowGroups.Count} row groups, {summary.FileBytes} bytes");
        if (summary.CreatedBy is not null) sb.AppendLine(inv, $"created by: {summary.CreatedBy}");
        sb.AppendLine("columns:");
        int width = summary.Columns.Count == 0 ? 0 : summary.Columns.Max(c => c.Name.Length);
        foreach (var c in summary.Columns)
            sb.AppendLine(inv, $"  {c.Name.PadRight(width)}  {c.Type}  codec {string.Join('/', c.Codecs)}  encodings {string.Join(',', c.Encodings)}  nulls {c.NullCount}");
        sb.AppendLine("row groups:");
        foreach (var g in summary.RowGroups)
            sb.AppendLine(inv, $"  #{g.Index}: {g.RowCount} rows, {g.CompressedBytes} bytes compressed, {g.UncompressedBytes} uncompressed");
        return sb.ToString();
    }

    private static string Name(CompressionCodec codec) => ColumnChunkReader.CodecName(codec);

    private static string Name(ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.Plain => "PLAIN",
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.Rle => "RLE",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => "#" + ((int)encoding).ToString(CultureInfo.InvariantCulture),
    };
}
