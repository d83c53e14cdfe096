using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;

namespace Predictor.Cli;

/// <summary>Loads cohort files for the verbs, choosing the reader by file extension.</summary>
internal static class CohortFiles
{
    public static CohortLoadResult Load(string path, CohortPurpose purpose, IReadOnlyList<string>? missingTokens = null)
    {
        var options = CsvReadOptions.Default with { MissingTokens = missingTokens ?? [] };
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".CSV" or ".TXT" => CohortLoader.LoadCsv(path, purpose, options),
            var other => throw new PredictorInputException($"{path}: cannot read '{other}' files; expected .csv."),
        };
    }
}
