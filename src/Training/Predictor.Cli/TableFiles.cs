using Predictor.Cli.Commands;
using Predictor.Data.Contract;
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
        var table = CohortFiles.ReadTable(path, missingTokens);
        if (!table.Contains(CohortContract.PatientId)) return (table, false);
        // Read again under the contract: its column types and range checks, not the inferred ones, decide what a cohort holds.
        var loaded = CohortFiles.Load(path, purpose, missingTokens);
        TrainCommand.ReportIssues(loaded, error);
        return (loaded.Table, true);
    }
}
