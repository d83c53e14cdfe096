using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

namespace Predictor.Cli;

/// <summary>Loads cohort files for the verbs, choosing the reader by file extension.</summary>
internal static class CohortFiles
{
    /// <summary>Reads any table (not checked against the contract), CSV with type inference or Parquet with its own types.</summary>
    public static DataTable ReadTable(string path, IReadOnlyList<string>? missingTokens = null) =>
        Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".CSV" or ".TXT" => CsvTableReader.Read(path, CsvReadOptions.Default with { MissingTokens = missingTokens ?? [] }),
            ".PARQUET" or ".PQ" => ParquetTableReader.Read(path),
            var other => throw Unsupported(path, other),
        };

    /// <summary>Reads a cohort file and checks it against the data contract: bad rows are left out and listed.</summary>
    public static CohortLoadResult Load(string path, CohortPurpose purpose, IReadOnlyList<string>? missingTokens = null)
    {
        var options = CsvReadOptions.Default with { MissingTokens = missingTokens ?? [] };
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".CSV" or ".TXT" => CohortLoader.LoadCsv(path, purpose, options),
            ".PARQUET" or ".PQ" => CohortLoader.FromTable(ParquetTableReader.Read(path), path, purpose),
            var other => throw Unsupported(path, other),
        };
    }

    private static PredictorInputException Unsupported(string path, string extension) =>
        new($"{path}: cannot read '{extension}' files; expected .csv or .parquet.");
}
