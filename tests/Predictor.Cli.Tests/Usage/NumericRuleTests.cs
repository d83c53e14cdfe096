using System.CommandLine;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Usage;

/// <summary>
/// One numeric rule for options and cells: invariant culture, '.' as the decimal point. A decimal comma is refused
/// with a line naming the option, never read as a thousands separator (it used to train with learning rate 1).
/// </summary>
public class NumericRuleTests
{
    [Fact]
    public void A_decimal_comma_in_learning_rate_is_a_usage_error_naming_the_option()
    {
        var (code, output, error) = CliRunner.Run("train", "--data", RepoPaths.Data("cohort.csv"), "--label", "resistant_6m",
            "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"), "--trees", "3", "--learning-rate", "0,1");
        Assert.Equal(PredictorCli.UsageError, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--learning-rate", line, StringComparison.Ordinal);
        Assert.Contains("'.'", line, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NumericOptions()
    {
        var data = new TheoryData<string, string>();
        void Walk(Command command, string path)
        {
            foreach (var option in command.Options)
                if (option.ValueType is var t && (Nullable.GetUnderlyingType(t) ?? t) is var u
                    && (u == typeof(double) || u == typeof(int) || u == typeof(long) || u == typeof(ulong)))
                    data.Add(path, option.Name);
            foreach (var sub in command.Subcommands) Walk(sub, (path + " " + sub.Name).Trim());
        }
        Walk(PredictorCli.BuildRoot(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public void Every_numeric_option_refuses_a_decimal_comma(string verb, string option)
    {
        var (code, _, error) = CliRunner.Run([.. verb.Split(' '), option, "1,5"]);
        Assert.Equal(PredictorCli.UsageError, code);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Contains("'1,5'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e-1")]
    [InlineData("0.1")]
    [InlineData(".1")]
    public void Invariant_decimals_and_exponents_are_accepted(string text)
    {
        var parsed = PredictorCli.BuildRoot().Parse(["train", "--data", "x.csv", "--label", "y", "--out", "m.json", "--learning-rate", text]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(0.1, parsed.GetValue<double?>("--learning-rate"));
    }

    [Fact]
    public void Defaults_still_apply_when_a_numeric_option_is_not_given()
    {
        var parsed = PredictorCli.BuildRoot().Parse(["simulate", "--out", "x.csv"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(92, parsed.GetValue<int>("--patients"));
    }

    [Fact]
    public void A_decimal_comma_in_a_numeric_cell_rejects_the_row_naming_the_column()
    {
        var lines = File.ReadAllLines(RepoPaths.Data("cohort.csv")).Take(3).ToArray();
        var header = lines[0].Split(',');
        int column = Array.IndexOf(header, "tumor_size_cm");
        var cells = lines[1].Split(',');
        cells[column] = "\"" + cells[column].Replace('.', ',') + "\"";
        if (!cells[column].Contains(',', StringComparison.Ordinal)) cells[column] = "\"7,5\"";
        lines[1] = string.Join(',', cells);
        var path = Path.Combine(RepoPaths.TempDirectory(), "comma.csv");
        File.WriteAllLines(path, lines);
        var (code, output, error) = CliRunner.Run("data", "validate", path);
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Contains("column tumor_size_cm", output + error, StringComparison.Ordinal);
        Assert.Contains("1 with issues", output + error, StringComparison.Ordinal);
    }
}
