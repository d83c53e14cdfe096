using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Worker.Inbox;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// A job's predictions as the inbox writes them (<c>patient_id, source_row, probability, predicted_resistant</c>), plus
/// the <c>model_version</c> that scored each row, in CSV or Parquet (one row group per 65,536 rows); and its rejected
/// rows as the inbox's error report.
/// </summary>
internal static class JobResultsWriter
{
    public const string ModelVersion = "model_version";

    private const int RowGroup = 65_536;

    private static readonly DataField PatientId = new DataField<string>(CohortContract.PatientId, nullable: false);
    private static readonly DataField SourceRowField = new DataField<long>(PredictionSink.SourceRow);
    private static readonly DataField ProbabilityField = new DataField<double>(PredictionSink.Probability);
    private static readonly DataField PredictedField = new DataField<bool>(PredictionSink.PredictedResistant);
    private static readonly DataField ModelVersionField = new DataField<string>(ModelVersion, nullable: false);

    public static async Task WriteCsv(IAsyncEnumerable<JobPrediction> rows, Stream output, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await writer.WriteAsync($"{CohortContract.PatientId},{PredictionSink.SourceRow},{PredictionSink.Probability},{PredictionSink.PredictedResistant},{ModelVersion}\n").ConfigureAwait(false);
        await foreach (var row in rows.WithCancellation(cancellation).ConfigureAwait(false))
        {
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{CsvTableWriter.Escape(row.PatientId)},{row.SourceRow},{row.Probability:R},{(row.PredictedResistant ? "true" : "false")},{row.ModelVersion}\n")).ConfigureAwait(false);
        }
        await writer.FlushAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The rows the contract check left out at submission, in the inbox's <c>.errors.csv</c> form
    /// (<see cref="ErrorReport"/>): row, line, column, problem.
    /// </summary>
    public static async Task WriteErrorsCsv(IAsyncEnumerable<RowError> errors, Stream output, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await writer.WriteAsync(ErrorReport.Header).ConfigureAwait(false);
        await foreach (var error in errors.WithCancellation(cancellation).ConfigureAwait(false))
        {
            await writer.WriteAsync(ErrorReport.Line(error.SourceRow, error.Line, error.Column, error.Problem)).ConfigureAwait(false);
        }
        await writer.FlushAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes Parquet to <paramref name="output"/>, built in a temporary file first (the Parquet writer seeks; an HTTP
    /// response cannot).
    /// </summary>
    public static async Task WriteParquet(IAsyncEnumerable<JobPrediction> rows, Stream output, CancellationToken cancellation)
    {
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, DictionaryEncodingThreshold = 0 };
        var schema = new ParquetSchema(PatientId, SourceRowField, ProbabilityField, PredictedField, ModelVersionField);
        await using (var writer = await ParquetWriter.CreateAsync(schema, buffer, options, append: false, cancellation).ConfigureAwait(false))
        {
            var group = new List<JobPrediction>(RowGroup);
            bool any = false;
            await foreach (var row in rows.WithCancellation(cancellation).ConfigureAwait(false))
            {
                group.Add(row);
                any = true;
                if (group.Count == RowGroup) await Flush(writer, group, cancellation).ConfigureAwait(false);
            }
            // No scored rows: still one empty row group, so readers see the schema and zero rows.
            if (group.Count > 0 || !any) await Flush(writer, group, cancellation).ConfigureAwait(false);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellation).ConfigureAwait(false);
    }

    private static async Task Flush(ParquetWriter writer, List<JobPrediction> group, CancellationToken cancellation)
    {
        using (var rowGroup = writer.CreateRowGroup())
        {
            await rowGroup.WriteAsync(PatientId, group.Select(r => r.PatientId).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(SourceRowField, group.Select(r => (long)r.SourceRow).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<double>(ProbabilityField, group.Select(r => r.Probability).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<bool>(PredictedField, group.Select(r => r.PredictedResistant).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(ModelVersionField, group.Select(r => r.ModelVersion).ToArray()).ConfigureAwait(false);
            rowGroup.CompleteValidate();
        }
        group.Clear();
    }
}
