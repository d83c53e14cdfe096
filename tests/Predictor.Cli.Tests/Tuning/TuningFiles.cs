using System.Globalization;
using System.Text.Json.Nodes;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Tuning;

/// <summary>Files and runs the --valid, --time-budget and --config tests share.</summary>
internal static class TuningFiles
{
    /// <summary>The repository's small cohort (38 labelled rows).</summary>
    public static string Cohort => RepoPaths.Data("cohort.csv");

    /// <summary>
    /// The cohort with every resistant_6m label flipped (unlabelled rows stay unlabelled): on it each tree trained on
    /// the true labels can only raise the log-loss, so early stopping must keep the first tree (the best it has seen).
    /// </summary>
    public static string FlippedCohort(string directory)
    {
        var lines = File.ReadAllLines(Cohort);
        int column = Array.IndexOf(lines[0].Split(','), "resistant_6m");
        var flipped = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            cells[column] = cells[column] switch { "true" => "false", "false" => "true", var other => other };
            return string.Join(',', cells);
        });
        var path = Path.Combine(directory, "flipped.csv");
        File.WriteAllLines(path, [lines[0], .. flipped]);
        return path;
    }

    /// <summary>The cohort without one column.</summary>
    public static string CohortWithout(string directory, string dropped)
    {
        var rows = File.ReadAllLines(Cohort).Select(l => l.Split(',')).ToArray();
        int column = Array.IndexOf(rows[0], dropped);
        var path = Path.Combine(directory, "without-" + dropped + ".csv");
        File.WriteAllLines(path, rows.Select(cells => string.Join(',', cells.Where((_, i) => i != column))));
        return path;
    }

    public static (string Model, JsonObject Summary) TrainJson(params string[] extra)
    {
        var model = Path.Combine(RepoPaths.TempDirectory(), "m.json");
        var (code, output, error) = CliRunner.Run(["train", "--data", Cohort, "--out", model, "--bootstrap", "0", "--json", .. extra]);
        Assert.True(code == 0, error);
        return (model, JsonNode.Parse(output)!.AsObject());
    }

    public static int Int(JsonNode? node) => int.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);
}
