using Predictor.Tests.Common;

namespace Predictor.Worker.Tests.Support;

/// <summary>Small cohort files cut from the repository's simulated cohort.</summary>
internal static class Cohorts
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(RepoPaths.Data("cohort-5000.csv")));

    public static string Header => Lines.Value[0];

    /// <summary>The first <paramref name="rows"/> patients (with label columns, which scoring ignores).</summary>
    public static IReadOnlyList<string> Rows(int rows, int skip = 0) => Lines.Value.Skip(1 + skip).Take(rows).ToList();

    public static void Write(string path, IEnumerable<string> rows) =>
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>Patients as JSON objects keyed by column name (empty cells become null), as a client would send them.</summary>
    public static string ToJsonObject(string row)
    {
        var names = Header.Split(',');
        var cells = row.Split(',');
        var fields = names.Zip(cells, (n, c) => $"\"{n}\":{JsonValue(c)}");
        return "{" + string.Join(",", fields) + "}";
    }

    private static string JsonValue(string cell) =>
        cell.Length == 0 ? "null"
        : double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? cell
        : cell is "true" or "false" ? cell
        : "\"" + cell + "\"";
}
