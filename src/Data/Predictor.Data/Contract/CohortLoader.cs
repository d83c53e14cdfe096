using Predictor.Data.Csv;
using Predictor.Data.Tables;

namespace Predictor.Data.Contract;

/// <summary>
/// Loads a cohort file and checks it against the data contract. Bad cells are reported with file, row and column,
/// and their rows are left out of the table (never coerced); a missing required column stops the load.
/// </summary>
public static class CohortLoader
{
    /// <summary>Loads a CSV cohort file (empty fields, plus any <paramref name="options"/> tokens, are missing).</summary>
    public static CohortLoadResult LoadCsv(string path, CohortPurpose purpose, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var raw = CsvTableReader.ReadRaw(path, options);
        return FromRaw(raw, purpose, options);
    }

    public static CohortLoadResult FromRaw(RawCsvTable raw, CohortPurpose purpose, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var missing = new MissingValueTokens((options ?? CsvReadOptions.Default).MissingTokens);
        var loaded = CohortValidator.Validate(
            raw.Source, raw.Header, i => CellSource.FromCsv(raw.Columns[i], missing), raw.RowCount, raw.LineNumbers, purpose, raw.RowNumbers);
        if (raw.MalformedRows.Count == 0) return loaded;
        // Records that could not be split into fields are rows of the file too: listed as issues, never dropped silently.
        var unreadable = raw.MalformedRows.Select(m => new DataIssue(raw.Source, m.Row, m.Line, "", m.Problem));
        return loaded with
        {
            Issues = [.. loaded.Issues.Concat(unreadable).OrderBy(i => i.Row).ThenBy(i => i.Column, StringComparer.Ordinal)],
            SourceRowCount = loaded.SourceRowCount + raw.MalformedRows.Count,
        };
    }

    /// <summary>Checks an already-typed table (for example one read from Parquet) against the contract.</summary>
    public static CohortLoadResult FromTable(DataTable table, string source, CohortPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(table);
        var header = table.Columns.Select(c => c.Name).ToList();
        return CohortValidator.Validate(
            source, header, i => CellSource.FromColumn(table.Columns[i]), table.RowCount, null, purpose);
    }
}
