using Predictor.Data.Errors;
using Predictor.Data.Tables;

namespace Predictor.Data.Csv;

/// <summary>
/// Reads CSV files into a <see cref="DataTable"/>, inferring each column's kind (see <see cref="ColumnTypeInference"/>),
/// or into a <see cref="RawCsvTable"/> for callers that parse against a known schema (the cohort contract).
/// </summary>
public static class CsvTableReader
{
    public static DataTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var raw = ReadRaw(path, options);
        return ColumnTypeInference.ToTable(raw, options);
    }

    public static DataTable Read(Stream stream, string sourceName, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var raw = ReadRaw(stream, sourceName, options);
        return ColumnTypeInference.ToTable(raw, options);
    }

    public static RawCsvTable ReadRaw(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new PredictorInputException($"{path}: file not found.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return ReadRaw(stream, path, options);
    }

    public static RawCsvTable ReadRaw(Stream stream, string sourceName, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        var tokenizer = new CsvTokenizer(stream, sourceName, options.Delimiter);
        if (!tokenizer.ReadRecord())
            throw new DataFormatException($"{sourceName}: the file is empty; expected a header line with column names.") { FilePath = sourceName };

        var header = ReadHeader(tokenizer, sourceName);
        tokenizer.Recover = options.SkipMalformedRows;
        var columns = header.Select(name => new RawCsvColumn(name)).ToArray();
        var lines = new List<int>();
        var rows = new List<int>();
        var malformed = new List<MalformedCsvRow>();
        while (tokenizer.ReadRecord())
        {
            int row = rows.Count + malformed.Count + 1;
            string? problem = tokenizer.Malformed
                ?? (tokenizer.FieldCount != columns.Length ? $"has {tokenizer.FieldCount} fields; the header has {columns.Length}" : null);
            if (problem is not null)
            {
                if (!options.SkipMalformedRows)
                {
                    // Only a field count reaches here: the tokenizer throws its own errors when not recovering.
                    throw new DataFormatException($"{sourceName}: row {row} (line {tokenizer.RecordLine}) {problem}.")
                    { FilePath = sourceName, Row = row };
                }
                malformed.Add(new MalformedCsvRow(row, tokenizer.RecordLine,
                    tokenizer.Malformed is null ? "the row " + problem : problem));
                continue;
            }
            for (int c = 0; c < columns.Length; c++) columns[c].Add(tokenizer.Field(c));
            lines.Add(tokenizer.RecordLine);
            rows.Add(row);
        }
        return new RawCsvTable(sourceName, header, columns, [.. lines])
        {
            RowNumbers = malformed.Count == 0 ? null : [.. rows],
            MalformedRows = malformed,
        };
    }

    private static string[] ReadHeader(CsvTokenizer tokenizer, string sourceName)
    {
        var header = new string[tokenizer.FieldCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            string name = tokenizer.FieldString(i).Trim();
            if (name.Length == 0)
                throw new DataFormatException($"{sourceName}: header column {i + 1} has no name.") { FilePath = sourceName };
            if (!seen.Add(name))
                throw new DataFormatException($"{sourceName}: the header names column '{name}' twice.") { FilePath = sourceName, ColumnName = name };
            header[i] = name;
        }
        return header;
    }
}
