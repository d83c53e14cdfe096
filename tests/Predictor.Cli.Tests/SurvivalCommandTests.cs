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
    public void Model_split_is_refused_clearly_until_models_exist()
    {
        var (code, _, error) = CliRunner.Run("survival", "--data", Lung, "--time", "time", "--event", "status", "--model", "m.json");
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Contains("--model is not available yet", error, StringComparison.Ordinal);
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
}
