using Predictor.Data.Csv;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
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
}
