using Predictor.Cli.Commands;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

namespace Predictor.Cli;

/// <summary>
/// Reads a table for the modelling verbs from CSV or Parquet. A cohort file (it has <c>patient_id</c>) is checked
/// against the data contract, with its rejected rows reported and left out; any other table is read as it is, so
/// models can be trained and applied on tables outside the contract (for example the UCI HCC survival data).
/// </summary>
internal static class TableFiles
{
    public static (DataTable Table, bool IsCohort) Read(string path, CohortPurpose purpose, IReadOnlyList<string> missingTokens, TextWriter error)
    {
        var csvOptions = CsvReadOptions.Default.WithMissingTokens([.. missingTokens]);
        switch (Path.GetExtension(path).ToUpperInvariant())
        {
            case ".CSV" or ".TXT":
                if (!CsvTableReader.ReadRaw(path, csvOptions).Header.Contains(CohortContract.PatientId, StringComparer.Ordinal))
                    return (CsvTableReader.Read(path, csvOptions), false);
                break;
            case ".PARQUET" or ".PQ":
                var table = ParquetTableReader.Read(path);
                if (!table.Contains(CohortContract.PatientId)) return (table, false);
                break;
            case var other:
                throw new PredictorInputException($"{path}: cannot read '{other}' files; expected .csv or .parquet.");
        }
        var loaded = CohortFiles.Load(path, purpose, missingTokens);
        TrainCommand.ReportIssues(loaded, error);
        return (loaded.Table, true);
    }
}
