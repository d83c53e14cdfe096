using System.IO.Compression;
using Predictor.Data.Csv;
using Predictor.Data.Simulation;
using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;
using Predictor.Tests.MLNetModels;

namespace Predictor.Cli.Tests.Import;

/// <summary>
/// <c>predictor import --mlnet</c> on models saved by real ML.NET: a supported one becomes a model file that
/// <c>predict</c> serves; everything else is refused with one line naming the problem, exit code 2, and no file.
/// </summary>
public sealed class ImportCliTests(SavedMLNetModels models) : IClassFixture<SavedMLNetModels>
{
    [Fact]
    public void Import_writes_a_model_file_that_predict_serves()
    {
        string folder = RepoPaths.TempDirectory();
        string output = Path.Combine(folder, "imported.json");
        var (code, stdout, error) = CliRunner.Run("import", "--mlnet", models.PathOf(SavedModel.LightGbmReplaceMissingOneHot), "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("Imported ML.NET LightGbm: 40 trees", stdout, StringComparison.Ordinal);
        var artifact = ModelJson.ReadArtifactFile(output);
        Assert.Equal("LightGbm", artifact.Metadata.TrainingOptions["mlnet.trainer"]);

        string patients = Path.Combine(folder, "patients.csv");
        using (var stream = File.Create(patients)) CohortSimulator.WriteCsv(new SimulationOptions { Patients = 200, Seed = 5 }, stream);
        string predictions = Path.Combine(folder, "predictions.csv");
        var predicted = CliRunner.Run("predict", "--model", output, "--data", patients, "--out", predictions);
        Assert.True(predicted.ExitCode == 0, predicted.Err);
        Assert.Equal(201, File.ReadAllLines(predictions).Length);
        // ML.NET's Platt calibration is in the raw score: predict must not call the probabilities uncalibrated.
        Assert.DoesNotContain("calibration", predicted.Err, StringComparison.Ordinal);

        // Without --data there are no covers: --explain is refused with the way out, and nothing is written.
        string explained = Path.Combine(folder, "explained.csv");
        var refused = CliRunner.Run("predict", "--model", output, "--data", patients, "--out", explained, "--explain", "2");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("re-import it with 'predictor import --mlnet LightGbmReplaceMissingOneHot.zip --data", refused.Err, StringComparison.Ordinal);
        Assert.Single(refused.Err.Trim().Split('\n'));
        Assert.False(File.Exists(explained));
    }

    [Fact]
    public void Import_with_the_training_data_explains_predictions_with_TreeSHAP()
    {
        string folder = RepoPaths.TempDirectory();
        string training = Path.Combine(folder, "training.csv");
        CsvTableWriter.Write(models.Training.Value.Table, training);
        string output = Path.Combine(folder, "imported.json");
        var (code, stdout, error) = CliRunner.Run("import", "--mlnet", models.PathOf(SavedModel.LightGbmCategoricalSplits), "--data", training, "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("covers from training.csv for TreeSHAP", stdout, StringComparison.Ordinal);

        string predictions = Path.Combine(folder, "explained.csv");
        var predicted = CliRunner.Run("predict", "--model", output, "--data", training, "--out", predictions, "--explain", "2");
        Assert.True(predicted.ExitCode == 0, predicted.Err);
        var header = File.ReadLines(predictions).First().Split(',');
        Assert.Contains("top2_contribution", header);
    }

    [Fact]
    public void Import_data_without_a_column_the_model_reads_is_refused_naming_it()
    {
        string folder = RepoPaths.TempDirectory();
        string data = Path.Combine(folder, "no_afp.csv");
        var table = models.Training.Value.Table;
        CsvTableWriter.Write(table.SelectColumns(table.ColumnNames.Where(n => n != "afp_ng_ml")), data);
        string output = Path.Combine(folder, "refused.json");
        var (code, _, error) = CliRunner.Run("import", "--mlnet", models.PathOf(SavedModel.FastTreeConcatenate), "--data", data, "--out", output);
        Assert.Equal(2, code);
        Assert.True(error.Contains("no_afp.csv", StringComparison.Ordinal) && error.Contains("afp_ng_ml", StringComparison.Ordinal), error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData(SavedModel.Multiclass, "a multiclass classification model")]
    [InlineData(SavedModel.Regression, "a regression model")]
    [InlineData(SavedModel.NormalizeMinMax, "transform NormalizingTransformer is not supported")]
    [InlineData(SavedModel.FastForest, "trainer FastForest (model FastForestBinaryModelParameters) is not supported")]
    [InlineData(SavedModel.LbfgsLogisticRegression, "a linear trainer such as LbfgsLogisticRegression or SdcaLogisticRegression (model LinearBinaryModelParameters) is not supported")]
    [InlineData(SavedModel.NonContractColumn, "column(s) 'bmi', which are not features of the cohort contract")]
    public void A_model_that_cannot_be_converted_faithfully_is_refused_naming_why(SavedModel saved, string reason)
    {
        string path = models.PathOf(saved);
        AssertRefused(path, reason);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "model.zip");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 37))]);
        AssertRefused(path, "model.zip: not an ML.NET model (not a zip file");
    }

    [Fact]
    public void A_zip_that_is_not_an_MLNet_model_is_refused()
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "notes.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("not a model");
        }
        AssertRefused(path, "notes.zip: a zip file, but not an ML.NET model");
    }

    private static void AssertRefused(string model, string reason)
    {
        string output = Path.Combine(RepoPaths.TempDirectory(), "refused.json");
        var (code, _, error) = CliRunner.Run("import", "--mlnet", model, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!));
    }
}
