using Predictor.Data.Tables;

namespace Predictor.Data.Csv;

/// <summary>
/// Decides what a CSV column holds when no schema says so:
/// numeric when every present value is a number; boolean when every present value is true/false (any case);
/// categorical when the values are few (at most <see cref="CsvReadOptions.MaxCategoryLevels"/> distinct); text otherwise.
/// A column that is entirely missing is numeric (all NaN), so learners can see and reject it explicitly.
/// </summary>
public static class ColumnTypeInference
{
    public static DataTable ToTable(RawCsvTable raw, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(options);
        var missing = new MissingValueTokens(options.MissingTokens);
        var forcedText = new HashSet<string>(options.TextColumns, StringComparer.Ordinal);
        var columns = new Column[raw.Columns.Count];
        Parallel.For(0, columns.Length, c =>
        {
            var rawColumn = raw.Columns[c];
            columns[c] = forcedText.Contains(rawColumn.Name)
                ? ToText(rawColumn, missing)
                : Infer(rawColumn, missing, options.MaxCategoryLevels);
        });
        return new DataTable(columns);
    }

    private static Column Infer(RawCsvColumn raw, MissingValueTokens missing, int maxLevels)
    {
        if (TryNumeric(raw, missing, out var numeric)) return numeric;
        if (TryBoolean(raw, missing, out var boolean)) return boolean;
        return TryCategorical(raw, missing, maxLevels, out var categorical) ? categorical : ToText(raw, missing);
    }

    private static bool TryNumeric(RawCsvColumn raw, MissingValueTokens missing, out Column column)
    {
        var values = new double[raw.Count];
        for (int r = 0; r < values.Length; r++)
        {
            var field = raw[r];
            if (missing.IsMissing(field)) { values[r] = double.NaN; continue; }
            if (!Utf8Values.TryParseNumber(field, out values[r]))
            {
                column = null!;
                return false;
            }
        }
        column = new NumericColumn(raw.Name, values);
        return true;
    }

    private static bool TryBoolean(RawCsvColumn raw, MissingValueTokens missing, out Column column)
    {
        var values = new byte[raw.Count];
        for (int r = 0; r < values.Length; r++)
        {
            var field = raw[r];
            if (missing.IsMissing(field)) { values[r] = BooleanColumn.Missing; continue; }
            if (!Utf8Values.IsBooleanWord(field) || !Utf8Values.TryParseBoolean(field, out bool b))
            {
                column = null!;
                return false;
            }
            values[r] = b ? (byte)1 : (byte)0;
        }
        column = new BooleanColumn(raw.Name, values);
        return true;
    }

    private static bool TryCategorical(RawCsvColumn raw, MissingValueTokens missing, int maxLevels, out Column column)
    {
        var levels = new List<string>();
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[raw.Count];
        for (int r = 0; r < codes.Length; r++)
        {
            var field = raw[r];
            if (missing.IsMissing(field)) { codes[r] = CategoricalColumn.MissingCode; continue; }
            string value = System.Text.Encoding.UTF8.GetString(Utf8Values.Trim(field));
            if (!lookup.TryGetValue(value, out int code))
            {
                if (levels.Count == maxLevels)
                {
                    column = null!;
                    return false;
                }
                code = levels.Count;
                levels.Add(value);
                lookup.Add(value, code);
            }
            codes[r] = code;
        }
        // Sorted levels make the codes independent of row order, so two files with the same values agree.
        var sorted = levels.OrderBy(l => l, StringComparer.Ordinal).ToList();
        var remap = levels.Select(l => sorted.IndexOf(l)).ToArray();
        for (int r = 0; r < codes.Length; r++)
        {
            if (codes[r] >= 0) codes[r] = remap[codes[r]];
        }
        column = new CategoricalColumn(raw.Name, codes, sorted);
        return true;
    }

    private static TextColumn ToText(RawCsvColumn raw, MissingValueTokens missing)
    {
        var values = new string?[raw.Count];
        for (int r = 0; r < values.Length; r++)
        {
            var field = raw[r];
            values[r] = missing.IsMissing(field) ? null : raw.GetString(r);
        }
        return new TextColumn(raw.Name, values);
    }
}
