using Predictor.Data.Contract;
using Predictor.Data.Errors;

namespace Predictor.Worker.Inbox;

/// <summary>Reads a claimed file by its extension and checks it against the cohort contract (for scoring).</summary>
internal static class InboxFileReader
{
    public static CohortLoadResult Read(ClaimedFile file)
    {
        switch (file.Extension)
        {
            case ".csv":
                try
                {
                    var loaded = CohortLoader.LoadCsv(file.Path, CohortPurpose.Scoring);
                    // Report problems against the name the hospital gave the file, not the claimed path.
                    return loaded with
                    {
                        Source = file.OriginalName,
                        Issues = [.. loaded.Issues.Select(i => i with { Source = file.OriginalName })],
                    };
                }
                catch (PredictorInputException ex)
                {
                    throw new UnusableFileException(ex.Message.Replace(file.Path, file.OriginalName, StringComparison.Ordinal), ex);
                }
            case ".parquet":
                // The Parquet reader on main reads pages but has no DataTable conversion or writer yet.
                throw new UnusableFileException("Parquet support not available in this build; send CSV.");
            default:
                throw new UnusableFileException($"'{file.Extension}' files are not read; send .csv.");
        }
    }
}
