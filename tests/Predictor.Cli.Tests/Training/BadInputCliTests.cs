using System.Globalization;
using System.Text;
using System.Text.Json;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

/// <summary>
/// The "Bad input" list, each through the CLI: a one-line error with exit code 2, or a warning in the summary
/// while a usable model is still written.
/// </summary>
public sealed class BadInputCliTests
{
    private static string Table(string header, int rows, Func<int, Random, string> row, int seed = 1)
    {
        var path = Path.Combine(RepoPaths.TempDirectory(), "data.csv");
        var random = new Random(seed);
        var text = new StringBuilder(header + "\n");
        for (int i = 0; i < rows; i++) text.Append(row(i, random)).Append('\n');
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static (int ExitCode, string Out, string Err) Train(string path, params string[] extra) =>
        CliRunner.Run(["train", "--data", path, "--label", "y", "--out", Path.Combine(Path.GetDirectoryName(path)!, "m.json"), "--bootstrap", "0", "--threads", "1", .. extra]);

    private static void AssertOneLineError((int ExitCode, string Out, string Err) run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static string Signal(int i, Random random)
    {
        double x = random.NextDouble() * 4 - 2;
        int y = random.NextDouble() < 1 / (1 + Math.Exp(-2.5 * x)) ? 1 : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{x:F3},{y}");
    }

    [Fact]
    public void Too_few_rows_for_the_folds_is_an_error()
    {
        var path = Table("x,y", 6, (i, _) => string.Create(CultureInfo.InvariantCulture, $"{i},{i % 2}"));
        AssertOneLineError(Train(path), "Too few rows: 6");
    }

    [Fact]
    public void A_text_label_with_three_values_is_an_error_that_shows_them()
    {
        string[] outcomes = ["responder", "stable", "progressor"];
        var path = Table("x,y", 30, (i, _) => string.Create(CultureInfo.InvariantCulture, $"{i},{outcomes[i % 3]}"));
        AssertOneLineError(Train(path), "has 3 distinct value(s) ('responder', 'stable', 'progressor')");
    }

    [Fact]
    public void Only_constant_or_empty_features_is_an_error()
    {
        var path = Table("c,e,y", 40, (i, _) => string.Create(CultureInfo.InvariantCulture, $"7,,{i % 2}"));
        AssertOneLineError(Train(path), "No usable feature");
    }

    [Fact]
    public void Constant_and_all_missing_columns_are_left_out_with_warnings_in_the_summary()
    {
        var path = Table("constant,empty,x,y", 100, (i, random) => "5,," + Signal(i, random));
        var (code, output, error) = Train(path, "--json");
        Assert.True(code == 0, error);
        var warnings = JsonDocument.Parse(output).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("'constant' has the same value in every row", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'empty' is missing in every row", StringComparison.Ordinal));
        var table = Train(path);
        Assert.Contains("warning: Feature 'constant'", table.Out, StringComparison.Ordinal);
        Assert.Equal(["x"], Scoring.Serialization.ModelJson.ReadFile(Path.Combine(Path.GetDirectoryName(path)!, "m.json")).Features.Select(f => f.Name));
    }

    [Fact]
    public void Fewer_events_than_folds_lowers_the_folds_with_a_warning()
    {
        var path = Table("x,y", 40, (i, random) => string.Create(CultureInfo.InvariantCulture, $"{random.NextDouble() + (i < 3 ? 1 : 0):F3},{(i < 3 ? 1 : 0)}"));
        var (code, output, error) = Train(path, "--json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, json.GetProperty("folds").GetInt32());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("using 3-fold", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_that_learned_nothing_is_flagged_not_written_silently()
    {
        // The label is a coin toss independent of x.
        var path = Table("x,y", 60, (i, random) => string.Create(CultureInfo.InvariantCulture, $"{random.NextDouble():F3},{random.Next(2)}"), seed: 11);
        var (code, output, error) = Train(path, "--json");
        Assert.True(code == 0, error);
        var warnings = JsonDocument.Parse(output).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("no better than chance", StringComparison.Ordinal));
    }
}
