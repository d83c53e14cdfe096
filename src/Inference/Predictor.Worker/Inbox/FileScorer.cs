using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Worker.Configuration;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

namespace Predictor.Worker.Inbox;

/// <summary>What became of one claimed file.</summary>
internal sealed record FileOutcome(int Scored, int Rejected, string OutputPath, string? ErrorReportPath);

/// <summary>
/// Scores one claimed file: good rows are scored, bad rows listed in <c>{stem}.errors.csv</c>, predictions written to
/// <c>{stem}.predictions.csv</c>. Each output appears atomically, the error report before the predictions, so the
/// presence of the predictions file means the file is complete. Re-running on the same claim rewrites the same names.
/// </summary>
internal static class FileScorer
{
    public static FileOutcome Score(ClaimedFile file, LoadedModel model, WorkerFolders folders, CancellationToken cancellation)
    {
        var loaded = InboxFileReader.Read(file);
        cancellation.ThrowIfCancellationRequested();
        var table = loaded.Table;
        var rows = FeatureRows.FromTable(table, model.Ensemble);
        var probabilities = new double[table.RowCount];
        model.Ensemble.Predict(rows, probabilities);
        cancellation.ThrowIfCancellationRequested();

        string? errorPath = null;
        if (loaded.HasIssues)
        {
            errorPath = Path.Combine(folders.Outbox, file.OutputStem + ".errors.csv");
            AtomicFile.Write(errorPath, stream => ErrorReport.Write(loaded.Issues, stream));
        }
        string outputPath = Path.Combine(folders.Outbox, file.OutputStem + ".predictions.csv");
        var predictions = Predictions(loaded, probabilities, model.Threshold);
        AtomicFile.Write(outputPath, stream => CsvTableWriter.Write(predictions, stream));
        return new FileOutcome(table.RowCount, loaded.RejectedRows.Count, outputPath, errorPath);
    }

    private static DataTable Predictions(CohortLoadResult loaded, double[] probabilities, double threshold)
    {
        var labels = new byte[probabilities.Length];
        for (int i = 0; i < labels.Length; i++) labels[i] = probabilities[i] >= threshold ? (byte)1 : (byte)0;
        var sourceRows = loaded.SourceRows.Select(r => (double)r).ToArray();
        return new DataTable(
        [
            loaded.Table[CohortContract.PatientId],
            new NumericColumn("source_row", sourceRows),
            new NumericColumn("probability", probabilities),
            new BooleanColumn("predicted_resistant", labels),
        ]);
    }
}
