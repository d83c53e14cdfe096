using Predictor.Data.Contract;
using Predictor.Worker.Configuration;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

namespace Predictor.Worker.Inbox;

/// <summary>What became of one claimed file.</summary>
internal sealed record FileOutcome(int Scored, int Rejected, string OutputPath, string? ErrorReportPath);

/// <summary>
/// Scores one claimed file chunk by chunk (a Parquet row group at a time): good rows are scored and streamed into
/// <c>{stem}.predictions.{csv|parquet}</c>, bad rows listed in <c>{stem}.errors.csv</c>. Each output appears
/// atomically, the error report before the predictions, so the presence of the predictions file means the file is
/// complete. Re-running on the same claim rewrites the same names, so a redo after a crash never duplicates.
/// Nothing is committed when the input changed while it was read (a writer still appending to it).
/// </summary>
internal static class FileScorer
{
    /// <param name="unchanged">Whether the input is still as it was claimed; checked before anything is committed.</param>
    /// <param name="kept">When given, receives every row written to the predictions (for the audit trail).</param>
    /// <exception cref="FileStillBeingWrittenException">The input changed while it was being scored.</exception>
    public static FileOutcome Score(
        ClaimedFile file, LoadedModel model, WorkerFolders folders, string outputFormat, Func<bool> unchanged, CancellationToken cancellation,
        ScoredRows? kept = null)
    {
        string extension = PredictionSink.ExtensionFor(file, outputFormat);
        string outputPath = Path.Combine(folders.Outbox, file.OutputStem + ".predictions" + extension);
        string errorPath = Path.Combine(folders.Outbox, file.OutputStem + ".errors.csv");
        var issues = new List<DataIssue>();
        int scored = 0;
        AtomicFile.Write(outputPath, stream =>
        {
            using var sink = PredictionSink.Open(extension, stream, model);
            foreach (var chunk in Prefetch.Ahead(InboxFileReader.ReadChunks(file), cancellation))
            {
                cancellation.ThrowIfCancellationRequested();
                var probabilities = TableScorer.Score(chunk.Table, model);
                sink.Write(chunk, probabilities, model);
                kept?.Add(chunk, probabilities);
                scored += chunk.Table.RowCount;
                issues.AddRange(chunk.Issues);
            }
            sink.Complete();
            if (!unchanged()) throw new FileStillBeingWrittenException($"{file.OriginalName} changed while it was being scored.");
            // Committed before the predictions are renamed in: a finished predictions file never lacks its report.
            if (issues.Count > 0) AtomicFile.Write(errorPath, report => ErrorReport.Write(issues, report));
        });
        int rejected = issues.Select(i => i.Row).Distinct().Count();
        return new FileOutcome(scored, rejected, outputPath, issues.Count > 0 ? errorPath : null);
    }
}
