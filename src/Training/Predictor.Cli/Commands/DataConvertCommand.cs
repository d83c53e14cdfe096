using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor data convert IN OUT</c>: CSV to Parquet and back, chosen by the files' extensions.</summary>
internal static class DataConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "File to read (.csv or .parquet)." };
        var output = new Argument<FileInfo>("OUT") { Description = "File to write (.csv or .parquet)." };
        var codec = new Option<string>("--compression")
        {
            Description = "Parquet compression: snappy (default), gzip, zstd or none.",
            DefaultValueFactory = _ => "snappy",
        };
        codec.AcceptOnlyFromAmong("snappy", "gzip", "zstd", "none");
        var na = CliOptions.MissingTokens();
        var command = new Command("convert", "Convert a table between CSV and Parquet (by extension); values and missing cells are kept.")
        {
            input, output, codec, na,
        };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            InputFiles.RequireExists(source, "IN");
            var table = Read(source.FullName, parse.GetValue(na));
            Write(table, target.FullName, parse.GetValue(codec)!);
            parse.InvocationConfiguration.Output.WriteLine($"{source.Name} -> {target.Name}: {table.RowCount} rows, {table.Columns.Count} columns.");
            return ExitCode.Success;
        });
        return command;
    }

    private static DataTable Read(string path, IReadOnlyList<string>? missingTokens) => Kind(path) switch
    {
        "csv" => CsvTableReader.Read(path, CsvReadOptions.Default with { MissingTokens = missingTokens ?? [] }),
        _ => ParquetTableReader.Read(path),
    };

    private static void Write(DataTable table, string path, string codec)
    {
        if (Kind(path) == "csv")
        {
            CliFiles.WriteAtomically(path, stream => CsvTableWriter.Write(table, stream));
            return;
        }
        var options = new ParquetWriteOptions
        {
            Compression = codec switch { "gzip" => ParquetCompression.Gzip, "zstd" => ParquetCompression.Zstd, "none" => ParquetCompression.None, _ => ParquetCompression.Snappy },
            IntegerColumns = WholeNumberContractColumns(table),
        };
        ParquetTableWriter.Write(table, path, options);
    }

    /// <summary>
    /// The contract's integer columns (ECOG, tumour count, ...) that hold only whole numbers: written as INT64 so that
    /// pandas and DuckDB see integers, as they would in a file they wrote. Other tables keep DOUBLE, which is exact.
    /// </summary>
    private static string[] WholeNumberContractColumns(DataTable table) =>
    [
        .. CohortContract.Columns
            .Where(c => c.Type == ContractValueType.Integer)
            .Where(c => table.TryGetColumn(c.Name, out var column) && column is NumericColumn numeric && IsWhole(numeric.Values))
            .Select(c => c.Name),
    ];

    private static bool IsWhole(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (!double.IsNaN(v) && (v != Math.Floor(v) || Math.Abs(v) > 9_007_199_254_740_992)) return false;
        return true;
    }

    private static string Kind(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" or ".TXT" => "csv",
        ".PARQUET" or ".PQ" => "parquet",
        var other => throw new PredictorInputException($"{path}: cannot convert '{other}' files; expected .csv or .parquet."),
    };
}
