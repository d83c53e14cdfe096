using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

public class SurvivalCommandTests
{
    private static string Lung => RepoPaths.Reference("survival", "lung.csv");

    [Fact]
    public void Lung_by_sex_prints_R_figures_and_writes_json_and_report()
    {
        var dir = RepoPaths.TempDirectory();
        string json = Path.Combine(dir, "lung.json"), html = Path.Combine(dir, "lung.html");
        var (code, output, error) = CliRunner.Run("survival", "--data", Lung, "--time", "time", "--event", "status", "--group", "sex",
            "--covariates", "age,sex", "--na", "NA", "--json", json, "--report", html);
        Assert.True(code == 0, error);
        Assert.Contains("status coded 1/2 as in R (2 = event, 1 = censored)", output, StringComparison.Ordinal);
        Assert.Contains("Chisq = 10.3 on 1 degrees of freedom", output, StringComparison.Ordinal);   // survdiff
        Assert.Contains("Likelihood ratio test = 14.12 on 2 df", output, StringComparison.Ordinal);  // summary(coxph)
        Assert.Contains("Concordance = 0.603", output, StringComparison.Ordinal);
        Assert.True(File.Exists(json));
        Assert.Contains("<svg", File.ReadAllText(html), StringComparison.Ordinal);
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
