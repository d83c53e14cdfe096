using System.Globalization;
using System.Text.Json;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Trees;

namespace Predictor.Cli.Output;

/// <summary>The table <c>predictor importance</c> prints or writes: one row per model feature.</summary>
internal static class ImportanceOutput
{
    public enum Format { Csv, Parquet, Json }

    /// <summary>One feature's importance; <see cref="Gain"/>/<see cref="Cover"/> null when the file lacks them, <see cref="MeanAbsShap"/> without --data.</summary>
    public sealed record Row(string Feature, int Splits, double? Gain, double? Cover, double? MeanAbsShap, bool LinearTerm);

    public static Format Choose(FileInfo file, string option)
    {
        CliFiles.RequireFileTarget(file, option);
        return Path.GetExtension(file.Name).ToUpperInvariant() switch
        {
            ".CSV" => Format.Csv,
            ".PARQUET" => Format.Parquet,
            ".JSON" => Format.Json,
            var other => throw new PredictorInputException(
                $"{option} {file.Name}: cannot write '{(other.Length == 0 ? "(no extension)" : other)}' files; end the name in .csv, .parquet or .json."),
        };
    }

    /// <summary>
    /// Every feature, most important first: by mean |SHAP| when it was computed (it sees the linear terms too), else by
    /// gain, then split count; ties by name, so the order is stable.
    /// </summary>
    public static IReadOnlyList<Row> Rows(TreeEnsemble model, IReadOnlyList<FeatureImportance> trees, double[]? meanAbsShap)
    {
        var linear = model.Linear?.Terms.Select(t => t.Feature).ToHashSet() ?? [];
        var rows = trees.Select((t, f) => new Row(t.Feature, t.Splits, t.Gain, t.Cover, meanAbsShap?[f], linear.Contains(f)));
        return [.. rows.OrderByDescending(r => r.MeanAbsShap ?? 0).ThenByDescending(r => r.Gain ?? 0).ThenByDescending(r => r.Splits)
            .ThenBy(r => r.Feature, StringComparer.Ordinal)];
    }

    public static void Write(IReadOnlyList<Row> rows, FileInfo file, Format format)
    {
        if (format == Format.Json)
        {
            CliFiles.WriteAtomically(file.FullName, stream => JsonSerializer.Serialize(stream, Document(rows), PipelineSummary.JsonOptions));
            return;
        }
        TableOutput.Write(ToTable(rows), file, format == Format.Parquet ? TableOutput.Format.Parquet : TableOutput.Format.Csv);
    }

    /// <summary>An aligned text table for the terminal.</summary>
    public static void Print(IReadOnlyList<Row> rows, TextWriter output)
    {
        bool shap = rows.Any(r => r.MeanAbsShap is not null);
        int width = Math.Max("feature".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Feature.Length));
        string header = $"{"feature".PadRight(width)}  {"splits",6}  {"gain",12}  {"cover",12}" + (shap ? $"  {"mean |SHAP|",11}" : "") + "  linear term";
        output.WriteLine(header);
        foreach (var r in rows)
        {
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{r.Feature.PadRight(width)}  {r.Splits,6}  {Number(r.Gain),12}  {Number(r.Cover),12}");
            if (shap) line += string.Create(CultureInfo.InvariantCulture, $"  {r.MeanAbsShap,11:F4}");
            output.WriteLine(line + (r.LinearTerm ? "  yes" : "  no"));
        }
    }

    private static string Number(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static DataTable ToTable(IReadOnlyList<Row> rows)
    {
        List<Column> columns =
        [
            new TextColumn("feature", [.. rows.Select(r => (string?)r.Feature)]),
            new NumericColumn("splits", [.. rows.Select(r => (double)r.Splits)]),
            new NumericColumn("gain", [.. rows.Select(r => r.Gain ?? double.NaN)]),
            new NumericColumn("cover", [.. rows.Select(r => r.Cover ?? double.NaN)]),
        ];
        if (rows.Any(r => r.MeanAbsShap is not null)) columns.Add(new NumericColumn("mean_abs_shap", [.. rows.Select(r => r.MeanAbsShap ?? double.NaN)]));
        columns.Add(new BooleanColumn("linear_term", [.. rows.Select(r => r.LinearTerm ? (byte)1 : (byte)0)]));
        return new DataTable(columns);
    }

    private static object Document(IReadOnlyList<Row> rows) => new
    {
        features = rows.Select(r => new
        {
            feature = r.Feature,
            splits = r.Splits,
            gain = r.Gain,
            cover = r.Cover,
            mean_abs_shap = r.MeanAbsShap,
            linear_term = r.LinearTerm,
        }),
    };
}
