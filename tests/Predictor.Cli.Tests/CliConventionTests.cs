using System.CommandLine;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

public class CliConventionTests
{
    public static TheoryData<string> AllVerbPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                string path = (prefix + " " + sub.Name).Trim();
                data.Add(path);
                Walk(sub, path);
            }
        }
        Walk(PredictorCli.BuildRoot(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(AllVerbPaths))]
    public void Every_verb_has_help_and_a_description(string verb)
    {
        var (code, output, _) = CliRunner.Run([.. verb.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("Description:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        var (code, _, error) = CliRunner.Run("simulate", "--no-such-option", "--out", "x.csv");
        Assert.Equal(PredictorCli.UsageError, code);
        Assert.Contains("--no-such-option", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_one_line_on_stderr_with_exit_code_2_and_no_stack_trace()
    {
        var (code, output, error) = CliRunner.Run("data", "validate", Path.Combine(RepoPaths.TempDirectory(), "missing.csv"));
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }
}
