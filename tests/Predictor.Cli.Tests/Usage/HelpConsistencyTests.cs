namespace Predictor.Cli.Tests.Usage;

/// <summary>Help pages read the same way in every verb.</summary>
public class HelpConsistencyTests
{
    [Fact]
    public void Train_help_lists_data_and_label_first()
    {
        var (_, output, _) = CliRunner.Run("train", "--help");
        var options = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("--", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("--data", options[0], StringComparison.Ordinal);
        Assert.StartsWith("--label", options[1], StringComparison.Ordinal);
    }

    [Fact]
    public void No_default_is_printed_with_seventeen_digits()
    {
        foreach (var verb in ((IEnumerable<object[]>)CliConventionTests.AllVerbPaths()).Select(row => (string)row[0]))
        {
            var (_, output, _) = CliRunner.Run([.. verb.Split(' '), "--help"]);
            Assert.DoesNotMatch(@"default: \d+\.\d{6,}", output);
        }
    }

    [Fact]
    public void Data_options_that_read_parquet_do_not_say_csv_only()
    {
        foreach (var verb in ((IEnumerable<object[]>)CliConventionTests.AllVerbPaths()).Select(row => (string)row[0]))
        {
            var (_, output, _) = CliRunner.Run([.. verb.Split(' '), "--help"]);
            foreach (var line in output.Split('\n').Where(l => l.TrimStart().StartsWith("--data", StringComparison.Ordinal)))
                Assert.DoesNotContain("(.csv)", line, StringComparison.Ordinal);
        }
    }
}
