using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Worker.Configuration;
using Predictor.Worker.Models;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Where one file's predictions go, chunk by chunk, in one format. Every format holds the same columns:
/// <c>patient_id</c>, <c>source_row</c> (1-based data row of the input), <c>probability</c> (calibrated) and
/// <c>predicted_resistant</c> (at the model's threshold).
/// </summary>
internal abstract class PredictionSink : IDisposable
{
    public const string SourceRow = "source_row";
    public const string Probability = "probability";
    public const string PredictedResistant = "predicted_resistant";

    /// <summary>The output extension (with dot) for an input, given the configured output format.</summary>
    public static string ExtensionFor(ClaimedFile input, string outputFormat) =>
        string.Equals(outputFormat, OutputFormats.Csv, StringComparison.OrdinalIgnoreCase) ? ".csv"
        : string.Equals(outputFormat, OutputFormats.Parquet, StringComparison.OrdinalIgnoreCase) ? ".parquet"
        : InboxFileReader.IsParquet(input) ? ".parquet" : ".csv";

    public static PredictionSink Open(string extension, Stream output, LoadedModel model) => extension == ".parquet"
        ? new ParquetPredictionSink(output, model)
        : new CsvPredictionSink(output);

    /// <summary>Writes the predictions of one chunk (probabilities in the chunk's table row order).</summary>
    public abstract void Write(CohortLoadResult chunk, double[] probabilities, LoadedModel model);

    /// <summary>Finishes the output (footer, flush); the stream stays open for the caller to commit.</summary>
    public abstract void Complete();

    public abstract void Dispose();

    protected static TextColumn PatientIds(CohortLoadResult chunk) => (TextColumn)chunk.Table[CohortContract.PatientId];
}
