using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Files;

/// <summary>A directory where a file was meant, and a file with no rows: one line naming the option, exit 2.</summary>
public class DirectoryMistakeTests
{
    private static readonly string Model = Path.Combine(RepoPaths.Root, "models", "resistance.model.json");

    [Theory]
    [InlineData("predict")]
    [InlineData("train")]
    public void Data_that_is_a_directory_says_so(string verb)
    {
        var dir = RepoPaths.TempDirectory();
        string[] args = verb == "predict"
            ? ["predict", "--model", Model, "--data", dir, "--out", Path.Combine(RepoPaths.TempDirectory(), "p.csv")]
            : ["train", "--data", dir, "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"), "--trees", "3"];
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(PredictorCli.InputError, code);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--data", line, StringComparison.Ordinal);
        Assert.Contains("is a directory", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("train")]
    public void Out_that_is_a_directory_names_the_option(string verb)
    {
        var dir = RepoPaths.TempDirectory();
        string[] args = verb == "predict"
            ? ["predict", "--model", Model, "--data", RepoPaths.Data("cohort.csv"), "--out", dir]
            : ["train", "--data", RepoPaths.Data("cohort.csv"), "--out", dir, "--trees", "3"];
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(PredictorCli.InputError, code);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: --out ", line, StringComparison.Ordinal);
        Assert.Contains("is a directory", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_header_only_csv_is_bad_input_not_zero_patients_scored()
    {
        var path = Path.Combine(RepoPaths.TempDirectory(), "header.csv");
        File.WriteAllLines(path, [File.ReadLines(RepoPaths.Data("cohort.csv")).First()]);
        var output = Path.Combine(RepoPaths.TempDirectory(), "p.csv");
        var (code, stdout, error) = CliRunner.Run("predict", "--model", Model, "--data", path, "--out", output);
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Equal("", stdout);
        Assert.Contains("no patient rows", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
