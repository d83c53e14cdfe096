using System.Globalization;
using System.Text;
using System.Text.Json;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

public class ClinicalTrainingCliTests
{
    [Fact]
    public void Train_by_default_tunes_validates_and_reports_json_then_evaluate_scores_new_data()
    {
        var dir = RepoPaths.TempDirectory();
        var train = Path.Combine(dir, "train.csv");
        var test = Path.Combine(dir, "test.csv");
        var model = Path.Combine(dir, "model.json");
        Assert.Equal(0, CliRunner.Run("simulate", "--patients", "120", "--seed", "5", "--treated-fraction", "1", "--out", train).ExitCode);
        Assert.Equal(0, CliRunner.Run("simulate", "--patients", "300", "--seed", "6", "--treated-fraction", "1", "--out", test).ExitCode);

        var (code, output, error) = CliRunner.Run("train", "--data", train, "--out", model, "--bootstrap", "2", "--threads", "1", "--json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(120, json.GetProperty("rows").GetInt32());
        Assert.InRange(json.GetProperty("cross_validated").GetProperty("auc").GetDouble(), 0.55, 1.0);
        Assert.InRange(json.GetProperty("baseline_cross_validated").GetProperty("auc").GetDouble(), 0.55, 1.0);
        // Table 1: the ordered BCLC stage by its level names, read from the file (the training set holds only codes).
        var table1 = json.GetProperty("table_1").EnumerateArray().ToList();
        Assert.Equal(["0", "A", "B", "C", "D"], table1.Where(r => r.GetProperty("feature").GetString() == "bclc_stage" && r.GetProperty("statistic").GetString() == "count")
            .Select(r => r.GetProperty("level").GetString()!));
        var age = table1.Single(r => r.GetProperty("feature").GetString() == "age_years").GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["resistant", "not_resistant", "all"], age.Select(g => g.GetProperty("group").GetString()!));
        Assert.Equal(120, age[2].GetProperty("present").GetInt32());
        var cv = json.GetProperty("cross_validated");
        Assert.Equal("wilson", cv.GetProperty("proportion_ci_method").GetString());
        foreach (var rate in new[] { "sensitivity", "specificity", "ppv", "npv" })
            Assert.InRange(cv.GetProperty(rate).GetDouble(), cv.GetProperty(rate + "_ci_lower").GetDouble(), cv.GetProperty(rate + "_ci_upper").GetDouble());
        Assert.Equal(2, json.GetProperty("bootstrap").GetProperty("replicates").GetInt32() + json.GetProperty("bootstrap").GetProperty("skipped").GetInt32());
        Assert.True(json.GetProperty("sample_size").GetProperty("required").GetInt32() > 120);
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("minimum sample size", StringComparison.Ordinal));
        Assert.True(File.Exists(model));

        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", test);
        Assert.True(evaluate.ExitCode == 0, evaluate.Err);
        Assert.Contains("AUC", evaluate.Out, StringComparison.Ordinal);
        Assert.Contains("DeLong", evaluate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Cv_runs_on_any_table_with_missing_tokens_and_compares_with_logistic()
    {
        var dir = RepoPaths.TempDirectory();
        var path = Path.Combine(dir, "plain.csv");
        var random = new Random(2);
        var text = new StringBuilder("id,x,z,y\n");
        for (int i = 0; i < 80; i++)
        {
            double x = random.NextDouble() * 4 - 2;
            int y = random.NextDouble() < 1 / (1 + Math.Exp(-2 * x)) ? 1 : 0;
            string z = i % 7 == 0 ? "?" : (random.NextDouble() * 10).ToString("F2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"p{i},{x:F3},{z},{y}\n");
        }
        File.WriteAllText(path, text.ToString());
        var (code, output, error) = CliRunner.Run("cv", "--data", path, "--label", "y", "--id", "id", "--na", "?", "--folds", "3", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.Contains("gbdt pipeline", output, StringComparison.Ordinal);
        Assert.Contains("ridge logistic", output, StringComparison.Ordinal);
        var lasso = CliRunner.Run("cv", "--data", path, "--label", "y", "--id", "id", "--na", "?", "--folds", "3", "--threads", "1", "--baseline-l1-ratio", "1");
        Assert.True(lasso.ExitCode == 0, lasso.Err);
        Assert.Contains("elastic-net logistic", lasso.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparator_can_be_an_elastic_net()
    {
        var dir = RepoPaths.TempDirectory();
        var train = Path.Combine(dir, "train.csv");
        var model = Path.Combine(dir, "model.json");
        Assert.Equal(0, CliRunner.Run("simulate", "--patients", "80", "--seed", "8", "--treated-fraction", "1", "--out", train).ExitCode);
        var (code, output, error) = CliRunner.Run("train", "--data", train, "--out", model, "--bootstrap", "0", "--threads", "1", "--folds", "3", "--baseline-l1-ratio", "0.5");
        Assert.True(code == 0, error);
        Assert.Contains("Comparator: elastic-net logistic (l1_ratio 0.5), penalty ", output, StringComparison.Ordinal);
        Assert.Contains("Elastic-net logistic", output, StringComparison.Ordinal);
        Assert.Equal("0.5", Scoring.Serialization.ModelJson.ReadArtifactFile(model).Metadata.TrainingOptions["pipeline.baseline_l1_ratio"]);
        var bad = CliRunner.Run("train", "--data", train, "--out", model, "--baseline-l1-ratio", "1.5");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--baseline-l1-ratio must be in [0, 1]", bad.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0,0,0,0,0,0,0,0,0,0", "one class")]
    [InlineData("0,1,2,0,1,0,1,0,1,0", "expected 0 or 1")]
    [InlineData("0,1,0,0,0,0,0,0,0,0", "Too few rows")]
    public void Bad_labels_give_one_line_errors(string labels, string expected)
    {
        var dir = RepoPaths.TempDirectory();
        var path = Path.Combine(dir, "bad.csv");
        var values = labels.Split(',');
        var text = new StringBuilder("x,c,y\n");
        for (int i = 0; i < values.Length; i++) text.Append(CultureInfo.InvariantCulture, $"{i},1,{values[i]}\n");
        File.WriteAllText(path, text.ToString());
        var (code, _, error) = CliRunner.Run("train", "--data", path, "--label", "y", "--out", Path.Combine(dir, "m.json"));
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
    }
}
