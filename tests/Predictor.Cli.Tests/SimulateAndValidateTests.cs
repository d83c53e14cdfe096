using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

public class SimulateAndValidateTests
{
    [Fact]
    public void Simulate_writes_a_cohort_that_validates_clean()
    {
        var dir = RepoPaths.TempDirectory();
        var path = Path.Combine(dir, "c.csv");
        var (code, output, error) = CliRunner.Run("simulate", "--patients", "500", "--seed", "3", "--out", path);
        Assert.True(code == 0, error);
        Assert.Contains("Simulated 500 patients (207 treated)", output, StringComparison.Ordinal);
        Assert.Equal(501, File.ReadAllLines(path).Length);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));

        var validate = CliRunner.Run("data", "validate", path);
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("500 rows, 500 valid, 0 with issues", validate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_lists_bad_rows_and_exits_with_2()
    {
        var dir = RepoPaths.TempDirectory();
        var path = Path.Combine(dir, "bad.csv");
        CliRunner.Run("simulate", "--patients", "20", "--out", path);
        var lines = File.ReadAllLines(path);
        lines[5] = lines[5].Replace(",M,", ",Q,", StringComparison.Ordinal).Replace(",F,", ",Q,", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var (code, output, _) = CliRunner.Run("data", "validate", path);
        Assert.Equal(2, code);
        Assert.Contains("20 rows, 19 valid, 1 with issues", output, StringComparison.Ordinal);
        Assert.Contains("row 5, column sex: unknown category 'Q'; expected one of M, F", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_refuses_a_non_csv_output_and_a_missing_folder()
    {
        Assert.Equal(2, CliRunner.Run("simulate", "--out", "cohort.xlsx").ExitCode);
        var (code, _, error) = CliRunner.Run("simulate", "--out", Path.Combine(RepoPaths.TempDirectory(), "no", "such", "c.csv"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}
