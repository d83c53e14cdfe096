using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Tuning;

/// <summary>
/// train --time-budget SECONDS: candidates are tried in grid order, the first always; a budget far shorter than one
/// candidate's fits leaves only the first, a budget far longer than the whole search changes nothing.
/// </summary>
public class TimeBudgetCliTests
{
    [Fact]
    public void A_tiny_budget_keeps_the_first_candidate_and_says_the_search_was_cut()
    {
        var (model, summary) = TuningFiles.TrainJson("--time-budget", "1e-6");
        var tuning = summary["tuning"]!;
        Assert.True(tuning["cut_by_time_budget"]!.GetValue<bool>());
        Assert.Equal(1, TuningFiles.Int(tuning["candidates_evaluated"]));
        Assert.True(TuningFiles.Int(tuning["candidates_planned"]) > 1);
        Assert.Equal(1e-6, tuning["time_budget_seconds"]!.GetValue<double>());
        // A valid model: it reads back and scores, with the trees the first candidate's early stopping chose.
        var artifact = ModelJson.ReadArtifactFile(model);
        Assert.Equal(TuningFiles.Int(summary["settings"]!["trees"]), artifact.Model.Trees.Count);
        Assert.InRange(artifact.Predict(new double[artifact.Model.Features.Count]), 0, 1);

        var (code, output, error) = CliRunner.Run("train", "--data", TuningFiles.Cohort, "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"),
            "--bootstrap", "0", "--time-budget", "1e-6");
        Assert.True(code == 0, error);
        Assert.Contains($"Tuning: 1 of {TuningFiles.Int(tuning["candidates_planned"])} candidates: the --time-budget of 0.000001 s cut the search", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generous_budget_searches_everything_and_gives_the_unlimited_model()
    {
        string[] fixedTime = ["--created", "2026-01-31T00:00:00Z"];
        var (limited, summary) = TuningFiles.TrainJson(["--time-budget", "100000", .. fixedTime]);
        var tuning = summary["tuning"]!;
        Assert.False(tuning["cut_by_time_budget"]!.GetValue<bool>());
        Assert.Equal(TuningFiles.Int(tuning["candidates_planned"]), TuningFiles.Int(tuning["candidates_evaluated"]));
        var (unlimited, _) = TuningFiles.TrainJson(fixedTime);
        Assert.Equal(File.ReadAllBytes(unlimited), File.ReadAllBytes(limited));
    }

    [Theory]
    [InlineData("0", PredictorCli.InputError)]
    [InlineData("-5", PredictorCli.InputError)]
    [InlineData("ten", PredictorCli.UsageError)]
    [InlineData("0,5", PredictorCli.UsageError)]
    public void A_budget_that_is_not_a_positive_number_is_refused_in_one_line(string value, int exitCode)
    {
        var (code, _, error) = CliRunner.Run("train", "--data", TuningFiles.Cohort, "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"), "--time-budget", value);
        Assert.Equal(exitCode, code);
        Assert.StartsWith("error: --time-budget expects ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_budget_with_fixed_settings_is_refused()
    {
        var (code, _, error) = CliRunner.Run("train", "--data", TuningFiles.Cohort, "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"), "--trees", "5", "--time-budget", "10");
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Contains("--time-budget limits the default tuning", error, StringComparison.Ordinal);
    }
}
