using System.Globalization;
using System.Text;
using Parquet.Meta;
using Parquet.Schema;
using Predictor.Data.Parquet.Tables;

namespace Predictor.Data.Parquet.Inspection;

/// <summary>Reads a Parquet file's footer only (no data pages, through Parquet.Net's metadata) and summarises it.</summary>
public static class ParquetFile
{
    public static ParquetFileSummary Inspect(string path)
    {
        using var source = ParquetSource.Open(path);
        return ParquetErrors.Guard(path, () => Summarise(source, path));
    }

    private static ParquetFileSummary Summarise(ParquetSource source, string path)
    {
        var metadata = source.Reader.Metadata!;
        var groups = metadata.RowGroups;
        var columns = source.Fields.Select((field, c) =>
        {
            var metas = groups.Select(g => g.Columns[c].MetaData ?? throw new InvalidDataException($"row group {g.Ordinal} has no metadata for column '{field.Name}'")).ToList();
            return new ParquetColumnSummary(
                field.Name,
                Describe(field),
                field.IsNullable,
                [.. metas.Select(m => m.Codec.ToString()).Distinct(StringComparer.Ordinal)],
                [.. metas.SelectMany(m => m.Encodings).Distinct().Select(e => e.ToString())],
                metas.Sum(m => m.Statistics?.NullCount ?? 0),
                metas.Sum(m => m.TotalCompressedSize),
                metas.Sum(m => m.TotalUncompressedSize));
        }).ToList();
        var rowGroups = groups.Select((g, i) => new ParquetRowGroupSummary(
            i, g.NumRows, g.Columns.Sum(c => c.MetaData?.TotalCompressedSize ?? 0), g.Columns.Sum(c => c.MetaData?.TotalUncompressedSize ?? 0))).ToList();
        return new ParquetFileSummary(path, new FileInfo(path).Length, metadata.CreatedBy, metadata.NumRows, columns, rowGroups);
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

    /// <summary>A short description such as <c>INT64 TIMESTAMP(MICROS) OPTIONAL</c>: physical type, annotation, repetition.</summary>
    private static string Describe(DataField field)
    {
        var element = field.SchemaElement;
        string physical = element?.Type switch
        {
            null => "?",
            global::Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY => $"FIXED_LEN_BYTE_ARRAY({element.TypeLength})",
            var t => t.ToString()!,
        };
        var logical = element?.LogicalType;
        string annotation = logical switch
        {
            { DECIMAL: { } d } => $" DECIMAL({d.Precision},{d.Scale})",
            { TIMESTAMP: { } t } => $" TIMESTAMP({Unit(t.Unit)})",
            { TIME: { } t } => $" TIME({Unit(t.Unit)})",
            { INTEGER: { } i } => $" {(i.IsSigned ? "INT" : "UINT")}_{i.BitWidth}",
            { STRING: not null } => " STRING",
            { DATE: not null } => " DATE",
            { ENUM: not null } => " ENUM",
            { JSON: not null } => " JSON",
            { UUID: not null } => " UUID",
            { FLOAT16: not null } => " FLOAT16",
            // Older writers record only the legacy converted type; it is folded into the same names.
            _ when element?.ConvertedType is { } converted => converted switch
            {
                ConvertedType.UTF8 => " STRING",
                ConvertedType.DECIMAL => $" DECIMAL({element.Precision},{element.Scale})",
                ConvertedType.TIMESTAMP_MILLIS => " TIMESTAMP(MILLIS)",
                ConvertedType.TIMESTAMP_MICROS => " TIMESTAMP(MICROS)",
                ConvertedType.TIME_MILLIS => " TIME(MILLIS)",
                ConvertedType.TIME_MICROS => " TIME(MICROS)",
                _ => " " + converted,
            },
            _ => "",
        };
        return physical + annotation + (field.IsNullable ? " OPTIONAL" : " REQUIRED");
    }

    private static string Unit(TimeUnit unit) => unit switch
    {
        { MILLIS: not null } => "MILLIS",
        { MICROS: not null } => "MICROS",
        { NANOS: not null } => "NANOS",
        _ => "?",
    };
}
