using Predictor.Data.Csv;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Files;

/// <summary><c>predict --out</c>: the file's extension picks the format; a Parquet file is real Parquet.</summary>
public class PredictOutputTests
{
    private const string Decision = "predicted_resistant";
    private static readonly string Model = Path.Combine(RepoPaths.Root, "models", "resistance.model.json");

    [Fact]
    public void Parquet_out_is_a_parquet_file_with_the_same_values_as_csv_out()
    {
        var dir = RepoPaths.TempDirectory();
        string csv = Path.Combine(dir, "p.csv"), parquet = Path.Combine(dir, "p.parquet");
        Assert.Equal(0, CliRunner.Run("predict", "--model", Model, "--data", RepoPaths.Data("cohort.csv"), "--out", csv, "--explain", "2").ExitCode);
        var (code, _, error) = CliRunner.Run("predict", "--model", Model, "--data", RepoPaths.Data("cohort.csv"), "--out", parquet, "--explain", "2");
        Assert.True(code == 0, error);

        var bytes = File.ReadAllBytes(parquet);
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        var fromParquet = ParquetTableReader.Read(parquet);
        var fromCsv = CsvTableReader.Read(csv);
        Assert.Equal(["patient_id", "probability", Decision, "top1_feature", "top1_contribution", "top2_feature", "top2_contribution"],
            fromParquet.Columns.Select(c => c.Name));
        Assert.Equal(92, fromParquet.RowCount);
        Assert.Equal(((NumericColumn)fromCsv["probability"]).Values.ToArray(), ((NumericColumn)fromParquet["probability"]).Values.ToArray());
        Assert.Equal(((BooleanColumn)fromCsv[Decision]).Values.ToArray(), ((BooleanColumn)fromParquet[Decision]).Values.ToArray());
        Assert.Equal(Enumerable.Range(0, 92).Select(r => fromCsv["top1_feature"].FormatValue(r)), Enumerable.Range(0, 92).Select(r => fromParquet["top1_feature"].FormatValue(r)));
    }

    [Theory]
    [InlineData("p.txt")]
    [InlineData("p.json")]
    [InlineData("p")]
    public void Other_extensions_are_refused_before_scoring_naming_the_option(string name)
    {
        var path = Path.Combine(RepoPaths.TempDirectory(), name);
        var (code, output, error) = CliRunner.Run("predict", "--model", Model, "--data", RepoPaths.Data("cohort.csv"), "--out", path);
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--out", line, StringComparison.Ordinal);
        Assert.Contains(".parquet", line, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Raw_adds_the_margin_before_calibration_from_which_the_calibration_gives_the_probability()
    {
        var dir = RepoPaths.TempDirectory();
        string csv = Path.Combine(dir, "p.csv"), parquet = Path.Combine(dir, "p.parquet"), model = Path.Combine(dir, "platt.json");
        // The shipped model's trees with a Platt calibration, so that the margin and the probability differ by more than a sigmoid.
        var artifact = new ModelArtifact(ModelJson.ReadArtifactFile(Model).Model, new ModelMetadata { Calibration = new PlattCalibration(0.8, -0.3) });
        ModelJson.WriteFile(artifact, model);
        foreach (var file in new[] { csv, parquet })
        {
            var (code, _, error) = CliRunner.Run("predict", "--model", model, "--data", RepoPaths.Data("cohort.csv"), "--out", file, "--raw");
            Assert.True(code == 0, error);
        }
        foreach (var table in new[] { CsvTableReader.Read(csv), ParquetTableReader.Read(parquet) })
        {
            Assert.Equal(["patient_id", "probability", "raw_score", Decision], table.Columns.Select(c => c.Name));
            var margins = ((NumericColumn)table["raw_score"]).Values.ToArray();
            var probabilities = ((NumericColumn)table["probability"]).Values.ToArray();
            int differ = 0;
            for (int r = 0; r < table.RowCount; r++)
            {
                // Independent of the CLI's own arithmetic: the file's calibration applied to the written margin.
                Assert.Equal(artifact.Probability(margins[r]), probabilities[r], 12);
                if (Math.Abs(TreeEnsemble.Sigmoid(margins[r]) - probabilities[r]) > 1e-6) differ++;
            }
            Assert.True(differ > 0, "the raw score should be the margin before calibration, not the calibrated log-odds");
        }

        // The margin is the ensemble's raw score of the same rows, scored by the library.
        var cohort = Predictor.Data.Contract.CohortLoader.LoadCsv(RepoPaths.Data("cohort.csv"), Predictor.Data.Contract.CohortPurpose.Scoring).Table;
        var rows = Predictor.Scoring.Tables.ModelInput.FromTable(cohort, artifact.Model);
        var expected = new double[cohort.RowCount];
        artifact.Model.PredictRaw(rows, expected);
        Assert.Equal(expected, ((NumericColumn)CsvTableReader.Read(csv)["raw_score"]).Values.ToArray());
    }
}
