using System.Globalization;
using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Tables;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

/// <summary>One small cohort trained once by the default pipeline, shared by the tests that read its model file.</summary>
public sealed class TrainedCohort
{
    public TrainedCohort()
    {
        Directory = RepoPaths.TempDirectory();
        Train = Path.Combine(Directory, "train.csv");
        Test = Path.Combine(Directory, "test.csv");
        Model = Path.Combine(Directory, "model.json");
        Check(CliRunner.Run("simulate", "--patients", "120", "--seed", "15", "--treated-fraction", "1", "--out", Train));
        Check(CliRunner.Run("simulate", "--patients", "60", "--seed", "16", "--out", Test));
        Check(CliRunner.Run("train", "--data", Train, "--out", Model, "--bootstrap", "2", "--threads", "1"));
    }

    public string Directory { get; }

    public string Train { get; }

    public string Test { get; }

    public string Model { get; }

    private static void Check((int ExitCode, string Out, string Err) run)
    {
        if (run.ExitCode != 0) throw new InvalidOperationException(run.Err);
    }
}

public sealed class ModelArtifactCliTests(TrainedCohort cohort) : IClassFixture<TrainedCohort>
{
    [Fact]
    public void Default_train_writes_a_complete_model_file()
    {
        var artifact = ModelJson.ReadArtifactFile(cohort.Model);
        var meta = artifact.Metadata;
        Assert.Equal(CohortContract.ResistantAt6Months, meta.Label);
        Assert.Contains("six months", meta.LabelMeaning, StringComparison.Ordinal);
        // Calibration is chosen by cross-validation, "none" included; the file says which.
        Assert.Equal(meta.Calibration?.Method ?? "none", meta.TrainingOptions["pipeline.calibration"]);
        Assert.Equal("youden", meta.Threshold!.Rule);
        Assert.InRange(meta.Threshold.Value, 0.01, 0.99);
        Assert.Equal(42UL, meta.Seed);
        Assert.True(meta.TrainingOptions.ContainsKey("LearningRate"));
        Assert.Equal(120, meta.Data!.Rows);
        Assert.InRange(meta.Metrics["cv.auc"], 0.5, 1);
        Assert.InRange(meta.Metrics["baseline.cv.auc"], 0.5, 1);
        Assert.True(meta.Metrics.ContainsKey("optimism_corrected.auc"));
        Assert.StartsWith("predictor ", meta.Producer, StringComparison.Ordinal);
        Assert.NotNull(meta.CreatedUtc);
        Assert.Contains(artifact.Model.Features, f => f.Minimum is not null && f.Maximum is not null);
    }

    [Fact]
    public void Predict_reports_calibrated_probabilities_and_decides_at_the_files_threshold()
    {
        var output = Path.Combine(RepoPaths.TempDirectory(), "p.csv");
        var (code, stdout, error) = CliRunner.Run("predict", "--model", cohort.Model, "--data", cohort.Test, "--out", output);
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        var artifact = ModelJson.ReadArtifactFile(cohort.Model);
        Assert.Contains(artifact.Metadata.Threshold!.Value.ToString("F3", CultureInfo.InvariantCulture), stdout, StringComparison.Ordinal);
        var predictions = CsvTableReader.Read(output);
        var raw = RawScores(artifact.Model, cohort.Test);
        var probability = (NumericColumn)predictions["probability"];
        var predicted = (BooleanColumn)predictions["predicted_resistant"];
        Assert.Equal(raw.Length, predictions.RowCount);
        for (int i = 0; i < raw.Length; i++)
        {
            double expected = artifact.Metadata.Calibration?.Apply(raw[i], TreeEnsemble.Sigmoid(raw[i])) ?? TreeEnsemble.Sigmoid(raw[i]);
            Assert.Equal(expected, probability[i], 12);
            Assert.Equal(expected >= artifact.Metadata.Threshold.Value ? 1 : 0, predicted.Values[i]);
        }
    }

    [Fact]
    public void Explain_adds_the_largest_contributions_which_add_up_to_the_raw_score()
    {
        var artifact = ModelJson.ReadArtifactFile(cohort.Model);
        int all = artifact.Model.Features.Count;
        var output = Path.Combine(RepoPaths.TempDirectory(), "p.csv");
        var (code, _, error) = CliRunner.Run("predict", "--model", cohort.Model, "--data", cohort.Test, "--out", output, "--explain", all.ToString(CultureInfo.InvariantCulture));
        Assert.True(code == 0, error);
        var table = CsvTableReader.Read(output);
        Assert.Equal(["patient_id", "probability", "predicted_resistant", "top1_feature", "top1_contribution"], table.Columns.Take(5).Select(c => c.Name));
        var raw = RawScores(artifact.Model, cohort.Test);
        double expectedValue = TreeShap.ExpectedValue(artifact.Model);
        for (int r = 0; r < table.RowCount; r++)
        {
            var contributions = Enumerable.Range(1, all).Select(k => ((NumericColumn)table[$"top{k}_contribution"])[r]).ToArray();
            // SHAP additivity: all contributions plus the expected value give the raw score (an independent property).
            Assert.Equal(raw[r], expectedValue + contributions.Sum(), 9);
            for (int k = 1; k < all; k++) Assert.True(Math.Abs(contributions[k - 1]) >= Math.Abs(contributions[k]));
            var names = Enumerable.Range(1, all).Select(k => table[$"top{k}_feature"].FormatValue(r)!).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(artifact.Model.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal), names);
        }
        var top2 = Path.Combine(RepoPaths.TempDirectory(), "p2.csv");
        Assert.Equal(0, CliRunner.Run("predict", "--model", cohort.Model, "--data", cohort.Test, "--out", top2, "--explain", "2").ExitCode);
        Assert.Equal(7, CsvTableReader.Read(top2).Columns.Count);
    }

    [Fact]
    public void Predict_reads_parquet_and_gives_the_same_output_as_csv()
    {
        var dir = RepoPaths.TempDirectory();
        var parquet = Path.Combine(dir, "test.parquet");
        Assert.Equal(0, CliRunner.Run("data", "convert", cohort.Test, parquet).ExitCode);
        var fromCsv = Path.Combine(dir, "csv.csv");
        var fromParquet = Path.Combine(dir, "parquet.csv");
        Assert.Equal(0, CliRunner.Run("predict", "--model", cohort.Model, "--data", cohort.Test, "--out", fromCsv, "--explain", "1").ExitCode);
        var run = CliRunner.Run("predict", "--model", cohort.Model, "--data", parquet, "--out", fromParquet, "--explain", "1");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal(File.ReadAllText(fromCsv), File.ReadAllText(fromParquet));
    }

    [Fact]
    public void An_older_model_file_without_metadata_scores_uncalibrated_at_one_half_with_a_note()
    {
        var dir = RepoPaths.TempDirectory();
        var bare = Path.Combine(dir, "bare.json");
        var model = ModelJson.ReadArtifactFile(cohort.Model).Model;
        ModelJson.WriteFile(model, bare);
        var output = Path.Combine(dir, "p.csv");
        var (code, stdout, error) = CliRunner.Run("predict", "--model", bare, "--data", cohort.Test, "--out", output);
        Assert.True(code == 0, error);
        var note = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("note: bare.json has no calibration", note, StringComparison.Ordinal);
        Assert.Contains("threshold 0.5", stdout, StringComparison.Ordinal);
        var table = CsvTableReader.Read(output);
        var raw = RawScores(model, cohort.Test);
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(TreeEnsemble.Sigmoid(raw[i]), ((NumericColumn)table["probability"])[i], 12);
            Assert.Equal(TreeEnsemble.Sigmoid(raw[i]) >= 0.5 ? 1 : 0, ((BooleanColumn)table["predicted_resistant"]).Values[i]);
        }
    }

    [Fact]
    public void Evaluate_uses_the_files_calibration_and_threshold()
    {
        var artifact = ModelJson.ReadArtifactFile(cohort.Model);
        var (code, stdout, error) = CliRunner.Run("evaluate", "--model", cohort.Model, "--data", cohort.Train);
        Assert.True(code == 0, error);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"At threshold {artifact.Metadata.Threshold!.Value:F3}"), stdout, StringComparison.Ordinal);
        var overridden = CliRunner.Run("evaluate", "--model", cohort.Model, "--data", cohort.Train, "--threshold", "0.3");
        Assert.Contains("At threshold 0.300", overridden.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_on_a_plain_table_uses_the_id_and_missing_tokens_like_train()
    {
        var dir = RepoPaths.TempDirectory();
        var path = Path.Combine(dir, "plain.csv");
        var random = new Random(4);
        var text = new StringBuilder("id,x,z,y\n");
        for (int i = 0; i < 80; i++)
        {
            double x = random.NextDouble() * 4 - 2;
            int y = random.NextDouble() < 1 / (1 + Math.Exp(-2 * x)) ? 1 : 0;
            string z = i % 9 == 0 ? "?" : (random.NextDouble() * 10).ToString("F2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"case{i},{x:F3},{z},{y}\n");
        }
        File.WriteAllText(path, text.ToString());
        var model = Path.Combine(dir, "m.json");
        var train = CliRunner.Run("train", "--data", path, "--label", "y", "--id", "id", "--na", "?", "--out", model, "--bootstrap", "0", "--threads", "1");
        Assert.True(train.ExitCode == 0, train.Err);
        Assert.Equal("y is true (1)", ModelJson.ReadArtifactFile(model).Metadata.LabelMeaning);
        var output = Path.Combine(dir, "p.csv");
        var (code, _, error) = CliRunner.Run("predict", "--model", model, "--data", path, "--id", "id", "--na", "?", "--out", output);
        Assert.True(code == 0, error);
        var table = CsvTableReader.Read(output);
        Assert.Equal("id", table.Columns[0].Name);
        Assert.Equal("case0", table.Columns[0].FormatValue(0));
        Assert.Equal(80, table.RowCount);
    }

    private static double[] RawScores(TreeEnsemble model, string cohortCsv)
    {
        var table = CohortLoader.LoadCsv(cohortCsv, CohortPurpose.Scoring).Table;
        var raw = new double[table.RowCount];
        model.PredictRaw(ModelInput.FromTable(table, model), raw);
        return raw;
    }
}
