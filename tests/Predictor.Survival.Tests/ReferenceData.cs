using System.Globalization;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Survival.Data;
using Predictor.Tests.Common;

namespace Predictor.Survival.Tests;

/// <summary>
/// Reads R's exported data sets in ../shared/reference/survival with the product's CSV reader, and offers them as
/// the plain arrays and tables the survival API takes.
/// </summary>
internal sealed class ReferenceData
{
    private readonly Dictionary<string, string[]> _columns;

    private ReferenceData(Dictionary<string, string[]> columns, int rows)
    {
        _columns = columns;
        RowCount = rows;
    }

    public int RowCount { get; }

    public static ReferenceData Load(string file)
    {
        // R writes NA for missing values.
        var table = CsvTableReader.Read(RepoPaths.Reference("survival", file), CsvReadOptions.Default.WithMissingTokens("NA"));
        var columns = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
            columns[column.Name] = [.. Enumerable.Range(0, table.RowCount).Select(r => column.FormatValue(r) ?? "NA")];
        return new ReferenceData(columns, table.RowCount) { Source = table };
    }

    /// <summary>The table as the product's CSV reader typed it (null after <see cref="Complete"/>).</summary>
    public DataTable? Source { get; private init; }

    public double[] Numbers(string column) =>
        [.. _columns[column].Select(v => v == "NA" ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture))];

    public string[] Text(string column) => _columns[column];

    /// <summary>The outcome as R's Surv(time, status) sees it, with the event coding detected.</summary>
    public SurvivalData Surv(string time, string status)
    {
        var codes = Numbers(status);
        var coding = EventCoding.Detect(status, codes);
        return new SurvivalData(Numbers(time), coding.Decode(codes), time);
    }

    /// <summary>Rows where every named column is present (R's default na.action = na.omit).</summary>
    public ReferenceData Complete(params string[] columns)
    {
        var keep = Enumerable.Range(0, RowCount).Where(r => columns.All(c => _columns[c][r] != "NA")).ToArray();
        var selected = _columns.ToDictionary(p => p.Key, p => keep.Select(r => p.Value[r]).ToArray(), StringComparer.Ordinal);
        return new ReferenceData(selected, keep.Length);
    }

    /// <summary>
    /// A DataTable of the named columns: numeric unless listed in <paramref name="factors"/> with their level order
    /// (R's factor levels, the first being the reference).
    /// </summary>
    public DataTable Table(string[] numeric, params (string Name, string[] Levels)[] factors)
    {
        var columns = new List<Column>();
        foreach (var name in numeric) columns.Add(new NumericColumn(name, Numbers(name)));
        foreach (var (name, levels) in factors)
            columns.Add(new CategoricalColumn(name, [.. _columns[name].Select(v => v == "NA" ? -1 : Array.IndexOf(levels, v))], levels));
        return new DataTable(columns);
    }
}
