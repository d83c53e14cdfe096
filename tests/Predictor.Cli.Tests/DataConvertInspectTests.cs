using Predictor.Data.Csv;
using Predictor.Data.Parquet.Inspection;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

/// <summary><c>data convert</c> between CSV and Parquet keeps every cell; <c>data inspect</c> and <c>data validate</c> read Parquet.</summary>
public sealed class DataConvertInspectTests
{
    [Fact]
    public void Csv_to_parquet_to_csv_keeps_every_cell_and_parquet_validates_like_the_csv()
    {
        string dir = RepoPaths.TempDirectory();
        string csv = RepoPaths.Data("cohort.csv");
        string parquet = Path.Combine(dir, "cohort.parquet");
        string back = Path.Combine(dir, "back.csv");

        var (code, output, error) = CliRunner.Run("data", "convert", csv, parquet);
        Assert.True(code == 0, error);
        Assert.Contains("cohort.csv -> cohort.parquet", output, StringComparison.Ordinal);
        (code, _, error) = CliRunner.Run("data", "convert", parquet, back, "--compression", "gzip");
        Assert.True(code == 0, error);

        var original = CsvTableReader.Read(csv);
        var roundTripped = CsvTableReader.Read(back);
        Assert.Equal(original.ColumnNames, roundTripped.ColumnNames);
        Assert.Equal(original.RowCount, roundTripped.RowCount);
        foreach (var column in original.Columns)
        {
            var other = roundTripped[column.Name];
            for (int row = 0; row < original.RowCount; row++) Assert.Equal(column.FormatValue(row), other.FormatValue(row));
        }

        var (csvCode, csvOut, _) = CliRunner.Run("data", "validate", csv);
        var (pqCode, pqOut, _) = CliRunner.Run("data", "validate", parquet);
        Assert.Equal(csvCode, pqCode);
        Assert.Equal(csvOut.Split('\n')[0].Replace("cohort.csv", "X", StringComparison.Ordinal), pqOut.Split('\n')[0].Replace("cohort.parquet", "X", StringComparison.Ordinal));

        (code, output, _) = CliRunner.Run("data", "inspect", parquet);
        Assert.Equal(0, code);
        Assert.Contains($"{original.RowCount} rows, {original.Columns.Count} columns, 1 row groups", output, StringComparison.Ordinal);
        Assert.Contains("SNAPPY", output, StringComparison.Ordinal);
        Assert.Contains("patient_id", output, StringComparison.Ordinal);

        // The contract's whole-number columns are written as integers, as pandas or DuckDB would; measurements stay DOUBLE.
        var columns = ParquetFile.Inspect(parquet).Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Assert.StartsWith("INT64", columns["ecog_ps"].Type, StringComparison.Ordinal);
        Assert.StartsWith("INT64", columns["tumor_count"].Type, StringComparison.Ordinal);
        Assert.StartsWith("DOUBLE", columns["tumor_size_cm"].Type, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_of_a_corrupt_file_is_a_one_line_input_error()
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "broken.parquet");
        File.WriteAllText(path, "patient_id,age\nP1,60\n");
        var (code, _, error) = CliRunner.Run("data", "inspect", path);
        Assert.Equal(2, code);
        Assert.Contains("broken.parquet", error, StringComparison.Ordinal);
        Assert.Contains("PAR1", error, StringComparison.Ordinal);
    }
}
