using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Tuning;

/// <summary>
/// train --valid FILE: early stopping and tuning follow the user's validation file. Hand-built cases whose effect is
/// known in advance: validated on its own training rows the loss falls with every tree (Newton steps on the training
/// log-loss, no subsampling in the fixed settings), so nothing stops early; validated on the same patients with the
/// labels flipped every tree raises the loss, so the first tree is the best seen and early stopping keeps only it.
/// </summary>
public class ValidationFileCliTests
{
    private static int TreesAfterFixedFit(string valid)
    {
        var model = Path.Combine(RepoPaths.TempDirectory(), "m.json");
        var (code, output, error) = CliRunner.Run("train", "--data", TuningFiles.Cohort, "--out", model, "--trees", "50", "--early-stopping", "5", "--valid", valid);
        Assert.True(code == 0, error);
        Assert.Contains($"Early stopping on the validation file {Path.GetFileName(valid)} (38 rows, --valid)", output, StringComparison.Ordinal);
        return ModelJson.ReadArtifactFile(model).Model.Trees.Count;
    }

    [Fact]
    public void Fixed_settings_early_stop_on_the_file_not_on_a_hold_out()
    {
        Assert.Equal(50, TreesAfterFixedFit(TuningFiles.Cohort));
        Assert.Equal(1, TreesAfterFixedFit(TuningFiles.FlippedCohort(RepoPaths.TempDirectory())));
    }

    [Fact]
    public void Default_tuning_scores_candidates_on_the_file_and_says_so()
    {
        var (sameModel, same) = TuningFiles.TrainJson("--valid", TuningFiles.Cohort);
        var (flippedModel, flipped) = TuningFiles.TrainJson("--valid", TuningFiles.FlippedCohort(RepoPaths.TempDirectory()));
        Assert.Equal("validation file", flipped["tuning"]!["scored_on"]!.GetValue<string>());
        Assert.Equal("flipped.csv", flipped["tuning"]!["validation_file"]!.GetValue<string>());
        Assert.Equal(38, TuningFiles.Int(flipped["tuning"]!["validation_rows"]));
        // Own rows: no candidate stops before its cap (hundreds of trees); flipped labels: one tree, or none for the linear start alone.
        Assert.True(TuningFiles.Int(same["settings"]!["trees"]) >= 100, same["settings"]!.ToJsonString());
        Assert.True(TuningFiles.Int(flipped["settings"]!["trees"]) <= 1, flipped["settings"]!.ToJsonString());
        Assert.Equal(TuningFiles.Int(same["settings"]!["trees"]), ModelJson.ReadArtifactFile(sameModel).Model.Trees.Count);
        Assert.True(ModelJson.ReadArtifactFile(flippedModel).Model.Trees.Count <= 1);

        var (_, folds) = TuningFiles.TrainJson();
        Assert.Equal("cross-validation", folds["tuning"]!["scored_on"]!.GetValue<string>());
        Assert.Null(folds["tuning"]!["validation_file"]);
    }

    [Fact]
    public void The_summary_and_report_name_the_file()
    {
        var directory = RepoPaths.TempDirectory();
        var report = Path.Combine(directory, "r.html");
        var (code, output, error) = CliRunner.Run("train", "--data", TuningFiles.Cohort, "--out", Path.Combine(directory, "m.json"), "--bootstrap", "0",
            "--valid", TuningFiles.FlippedCohort(directory), "--report", report);
        Assert.True(code == 0, error);
        Assert.Contains("scored on the validation file flipped.csv (38 rows, --valid)", output, StringComparison.Ordinal);
        Assert.Contains("on the validation file flipped.csv (38 rows, --valid)", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_missing_a_training_feature_is_refused_in_one_line()
    {
        var directory = RepoPaths.TempDirectory();
        var model = Path.Combine(directory, "m.json");
        foreach (string[] fixedOrTuned in new[] { new[] { "--trees", "5" }, new[] { "--bootstrap", "0" } })
        {
            var (code, _, error) = CliRunner.Run(["train", "--data", TuningFiles.Cohort, "--out", model, "--valid", TuningFiles.CohortWithout(directory, "afp_ng_ml"), .. fixedOrTuned]);
            Assert.Equal(PredictorCli.InputError, code);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
            // A cohort file is checked against the data contract, as --data is.
            Assert.StartsWith("error: --valid without-afp_ng_ml.csv: ", line, StringComparison.Ordinal);
            Assert.Contains("missing required column afp_ng_ml", line, StringComparison.Ordinal);
            Assert.False(File.Exists(model));
        }
    }

    [Theory]
    [InlineData("x1,x2,x3,y", "'x3' is not a training feature")]
    [InlineData("x1,y", "'x2' is missing")]
    public void A_table_whose_features_differ_is_refused_naming_the_column(string header, string difference)
    {
        var directory = RepoPaths.TempDirectory();
        var rows = Enumerable.Range(0, 40).Select(i => (X1: i % 7, X2: i % 3, Y: i % 7 > 3 ? 1 : 0)).ToArray();
        File.WriteAllLines(Path.Combine(directory, "train.csv"), ["x1,x2,y", .. rows.Select(r => $"{r.X1},{r.X2},{r.Y}")]);
        File.WriteAllLines(Path.Combine(directory, "valid.csv"), [header, .. rows.Select(r => header == "x1,y" ? $"{r.X1},{r.Y}" : $"{r.X1},{r.X2},5,{r.Y}")]);
        var model = Path.Combine(directory, "m.json");
        var (code, _, error) = CliRunner.Run("train", "--data", Path.Combine(directory, "train.csv"), "--label", "y", "--out", model,
            "--trees", "5", "--valid", Path.Combine(directory, "valid.csv"));
        Assert.Equal(PredictorCli.InputError, code);
        Assert.StartsWith($"error: --valid valid.csv: its columns differ from the training data's features: {difference}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void An_ML_NET_learner_with_a_validation_file_is_refused()
    {
        var (code, _, error) = CliRunner.Run("train", "--data", TuningFiles.Cohort, "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"),
            "--learner", "fasttree", "--valid", TuningFiles.Cohort);
        Assert.Equal(PredictorCli.InputError, code);
        Assert.StartsWith("error: --valid: tuning ML.NET's fasttree trainer", error, StringComparison.Ordinal);
    }
}
