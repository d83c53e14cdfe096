namespace Predictor.Cli.Tests.Usage;

/// <summary>A usage error is one line: what is wrong with which option, then where to read more. No help page dump.</summary>
public class UsageErrorTests
{
    [Fact]
    public void A_mistyped_option_is_one_line_with_a_suggestion_and_no_help_page()
    {
        var (code, output, error) = CliRunner.Run("train", "--data", "x.csv", "--label", "y", "--out", "m.json", "--lerning-rate", "0.1");
        Assert.Equal(PredictorCli.UsageError, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--lerning-rate", line, StringComparison.Ordinal);
        Assert.Contains("--learning-rate", line, StringComparison.Ordinal);
        Assert.EndsWith("See 'predictor train --help'.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_for_a_count_names_the_option_and_says_a_whole_number_not_a_dotnet_type()
    {
        var (code, _, error) = CliRunner.Run("predict", "--model", "m.json", "--data", "x.csv", "--out", "p.csv", "--explain", "three");
        Assert.Equal(PredictorCli.UsageError, code);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--explain expects a whole number", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.EndsWith("See 'predictor predict --help'.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_option_is_one_line_naming_it()
    {
        var (code, _, error) = CliRunner.Run("predict", "--model", "m.json", "--out", "p.csv");
        Assert.Equal(PredictorCli.UsageError, code);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--data", line, StringComparison.Ordinal);
    }
}
