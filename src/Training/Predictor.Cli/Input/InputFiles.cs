using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

namespace Predictor.Cli.Input;

/// <summary>
/// Every table the verbs read, from CSV or Parquet (chosen by file extension), each file read once. A cohort file (it
/// has <c>patient_id</c>) is checked against the data contract, with its rejected rows reported and left out; any other
/// table is read as it is, so models can be trained and applied on tables outside the contract (for example the UCI
/// HCC survival data).
/// </summary>
internal static class InputFiles
{
    /// <summary>A table for the modelling verbs: under the contract when it is a cohort file, else as it is.</summary>
    public static (DataTable Table, bool IsCohort) Read(string path, CohortPurpose purpose, IReadOnlyList<string> missingTokens, TextWriter error)
    {
        var file = Open(path, missingTokens);
        if (!file.IsCohort) return (file.Table, false);
        // The contract's column types and range checks, not the inferred ones, decide what a cohort holds.
        var loaded = file.AsCohort(purpose, missingTokens);
        ReportIssues(loaded, error);
        return (loaded.Table, true);
    }

    /// <summary>Reads any table once: as it is (CSV with type inference, Parquet with its own types), and under the contract on demand.</summary>
    public static TableFile Open(string path, IReadOnlyList<string>? missingTokens = null)
    {
        var options = CsvReadOptions.Default with { MissingTokens = missingTokens ?? [] };
        switch (Extension(path))
        {
            case ".CSV" or ".TXT":
                var raw = CsvTableReader.ReadRaw(path, options);
                return new TableFile(ColumnTypeInference.ToTable(raw, options),
                    (purpose, tokens) => CohortLoader.FromRaw(raw, purpose, options with { MissingTokens = tokens }));
            case ".PARQUET" or ".PQ":
                var table = ParquetTableReader.Read(path);
                return new TableFile(table, (purpose, _) => CohortLoader.FromTable(table, path, purpose));
            case var other:
                throw Unsupported(path, other);
        }
    }

    /// <summary>Reads a cohort file and checks it against the data contract: bad rows are left out and listed.</summary>
    public static CohortLoadResult Load(string path, CohortPurpose purpose, IReadOnlyList<string>? missingTokens = null)
    {
        var options = CsvReadOptions.Default with { MissingTokens = missingTokens ?? [] };
        return Extension(path) switch
        {
            ".CSV" or ".TXT" => CohortLoader.LoadCsv(path, purpose, options),
            ".PARQUET" or ".PQ" => CohortLoader.FromTable(ParquetTableReader.Read(path), path, purpose),
            var other => throw Unsupported(path, other),
        };
    }

    /// <summary>Prints a cohort file's rejected rows (never their values) so that nothing is dropped without a trace.</summary>
    public static void ReportIssues(CohortLoadResult loaded, TextWriter error)
    {
        if (!loaded.HasIssues) return;
        foreach (var issue in loaded.Issues.Take(20)) error.WriteLine("warning: " + issue);
        if (loaded.Issues.Count > 20) error.WriteLine($"warning: ... {loaded.Issues.Count - 20} more issues");
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warning: {loaded.RejectedRows.Count} of {loaded.SourceRowCount} rows of {loaded.Source} were left out because of the issues above."));
    }

    public static void RequireExists(FileInfo file, string option)
    {
        if (!file.Exists) throw new PredictorInputException($"{option} {file.FullName}: file not found.");
    }

    private static string Extension(string path) => Path.GetExtension(path).ToUpperInvariant();

    private static PredictorInputException Unsupported(string path, string extension) =>
        new($"{path}: cannot read '{extension}' files; expected .csv or .parquet.");
}
