using System.Text;
using Predictor.Data.Tables;

namespace Predictor.Data.Csv;

/// <summary>
/// Writes a <see cref="DataTable"/> as RFC 4180 CSV: comma-separated, LF line ends, UTF-8 without BOM, a header line,
/// missing values as empty fields, numbers in invariant culture with round-trip precision, and quotes only where a
/// field needs them.
/// </summary>
public static class CsvTableWriter
{
    public static void Write(DataTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(table, stream);
    }

    public static void Write(DataTable table, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var columns = table.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            if (c > 0) writer.Write(',');
            writer.Write(Escape(columns[c].Name));
        }
        writer.Write('\n');
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0) writer.Write(',');
                string? value = columns[c].FormatValue(r);
                if (value is not null) writer.Write(Escape(value));
            }
            writer.Write('\n');
        }
    }

    /// <summary>Quotes a field when it holds a delimiter, quote, line break or edge whitespace, or is empty text.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool needsQuotes = value.Length == 0
            || value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
