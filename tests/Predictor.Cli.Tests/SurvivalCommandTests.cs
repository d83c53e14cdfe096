using System.Text.Json;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

public class SurvivalCommandTests
{
    private static string Lung => RepoPaths.Reference("survival", "lung.csv");

    [Fact]
    public void Lung_by_sex_prints_R_figures_and_writes_the_report()
    {
        var dir = RepoPaths.TempDirectory();
        string html = Path.Combine(dir, "lung.html");
        var (code, output, error) = CliRunner.Run("survival", "--data", Lung, "--time", "time", "--event", "status", "--group", "sex",
            "--covariates", "age,sex", "--na", "NA", "--report", html);
        Assert.True(code == 0, error);
        Assert.Contains("status coded 1/2 as in R (2 = event, 1 = censored)", output, StringComparison.Ordinal);
        Assert.Contains("Chisq = 10.3 on 1 degrees of freedom", output, StringComparison.Ordinal);   // survdiff
        Assert.Contains("Likelihood ratio test = 14.12 on 2 df", output, StringComparison.Ordinal);  // summary(coxph)
        Assert.Contains("Concordance = 0.603", output, StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(html), StringComparison.Ordinal);
        // The last line says where the report is, as train's.
        Assert.Equal("Report written to " + html, output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void Json_is_a_flag_printing_one_JSON_document_instead_of_the_text_as_in_train_cv_and_evaluate()
    {
        var dir = RepoPaths.TempDirectory();
        string html = Path.Combine(dir, "lung.html");
        var (code, output, error) = CliRunner.Run("survival", "--data", Lung, "--time", "time", "--event", "status", "--group", "sex",
            "--covariates", "age,sex", "--na", "NA", "--json", "--report", html);
        Assert.True(code == 0, error);
        // Standard output is the JSON alone (redirect it to keep a file); the report's line goes to standard error.
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(228, json.GetProperty("patients").GetInt32());
        Assert.Equal(165, json.GetProperty("events").GetInt32());
        Assert.Equal("status", json.GetProperty("event_column").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("cox").ValueKind);
        Assert.DoesNotContain("Chisq", output, StringComparison.Ordinal);
        Assert.Contains("Report written to " + html, error, StringComparison.Ordinal);
        Assert.True(File.Exists(html));

        var paper = CliRunner.Run("survival", "paper", "--data", RepoPaths.Data("cohort.csv"), "--json");
        Assert.True(paper.ExitCode == 0, paper.Err);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(paper.Out).RootElement.GetProperty("factors").ValueKind);

        // A file name after --json is not an option value any more: a one-line usage error, as for train --json out.json.
        var old = CliRunner.Run("survival", "paper", "--data", RepoPaths.Data("cohort.csv"), "--json", Path.Combine(dir, "out.json"));
        Assert.Equal(PredictorCli.UsageError, old.ExitCode);
        Assert.Contains("--json takes no file name", old.Err, StringComparison.Ordinal);
        Assert.Contains("redirect it to keep a file (--json > ", old.Err, StringComparison.Ordinal);
        Assert.Single(old.Err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "out.json")));
    }

    [Fact]
    public void Help_describes_json_as_in_the_other_verbs()
    {
        foreach (var verb in new[] { new[] { "survival" }, ["survival", "paper"] })
        {
            var (_, help, _) = CliRunner.Run([.. verb, "--help"]);
            var line = help.Split('\n').Single(l => l.TrimStart().StartsWith("--json", StringComparison.Ordinal));
            Assert.DoesNotContain("<json>", line, StringComparison.Ordinal);
            Assert.Contains("Print the results as JSON", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Model_split_compares_predicted_resistant_and_not_resistant_patients()
    {
        var dir = RepoPaths.TempDirectory();
        string model = Path.Combine(dir, "model.json");
        var trained = CliRunner.Run("train", "--data", RepoPaths.Data("cohort-5000.csv"), "--out", model, "--trees", "20");
        Assert.True(trained.ExitCode == 0, trained.Err);
        var (code, output, error) = CliRunner.Run("survival", "--data", RepoPaths.Data("cohort.csv"), "--model", model);
        Assert.True(code == 0, error);
        Assert.Contains("by model prediction", output, StringComparison.Ordinal);
        Assert.Contains("predicted resistant", output, StringComparison.Ordinal);
        Assert.Contains("predicted not resistant", output, StringComparison.Ordinal);
        Assert.Contains("log-rank test:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_and_model_together_are_refused()
    {
        var (code, _, error) = CliRunner.Run("survival", "--data", Lung, "--time", "time", "--event", "status", "--group", "sex", "--model", "m.json");
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Contains("either --group or --model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_event_column_is_an_input_error_naming_it()
    {
        var (code, _, error) = CliRunner.Run("survival", "--data", Lung, "--time", "time", "--event", "ph.ecog", "--na", "NA");
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Contains("'ph.ecog'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_analysis_runs_on_the_bundled_cohort()
    {
        var (code, output, error) = CliRunner.Run("survival", "paper", "--data", RepoPaths.Data("cohort.csv"));
        Assert.True(code == 0, error);
        Assert.Contains("High p-AKT", output, StringComparison.Ordinal);
        Assert.Contains("Univariable HR (95% CI)", output, StringComparison.Ordinal);
        Assert.Contains("Median overall survival (months) by p-AKT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_analysis_reads_Parquet_with_the_same_result_as_CSV()
    {
        var parquet = Path.Combine(RepoPaths.TempDirectory(), "cohort.parquet");
        var (code, _, error) = CliRunner.Run("data", "convert", RepoPaths.Data("cohort.csv"), parquet);
        Assert.True(code == 0, error);

        var (_, fromCsv, _) = CliRunner.Run("survival", "paper", "--data", RepoPaths.Data("cohort.csv"));
        (code, var fromParquet, error) = CliRunner.Run("survival", "paper", "--data", parquet);
        Assert.True(code == 0, error);
        Assert.Contains("High p-AKT", fromParquet, StringComparison.Ordinal);
        Assert.Equal(fromCsv, fromParquet);
    }
}

/// <summary>The concrete survival commands the README shows (inline code without placeholders) run as written.</summary>
public class SurvivalReadmeCommandTests
{
    [Fact]
    public void Readme_survival_commands_run()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var commands = System.Text.RegularExpressions.Regex.Matches(readme, "`(predictor survival [^`]*)`")
            .Select(m => m.Groups[1].Value)
            .Where(c => !c.Contains('[', StringComparison.Ordinal) && !c.Contains('|', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("predictor survival paper --data data/cohort.csv", commands);
        Assert.Contains(commands, c => c.Contains("--json >", StringComparison.Ordinal));
        foreach (var command in commands)
        {
            // "> file" is the shell's: the CLI sees the arguments before it, and its standard output is the file.
            var parts = command.Split('>', 2);
            var args = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(a => a.StartsWith("data/", StringComparison.Ordinal) ? RepoPaths.Data(a["data/".Length..]) : a).ToArray();
            var (code, output, error) = CliRunner.Run(args);
            Assert.True(code == 0, $"README command `{command}` failed ({code}): {error}");
            if (parts.Length == 2) JsonDocument.Parse(output);
            else Assert.False(string.IsNullOrWhiteSpace(output));
        }
    }
}
