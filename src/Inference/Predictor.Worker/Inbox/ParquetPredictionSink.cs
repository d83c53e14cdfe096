using System.Globalization;
using Parquet;
using Parquet.Schema;
using Predictor.Data.Contract;
using Predictor.Worker.Models;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Predictions as Parquet (through Parquet.Net), one row group per input chunk (so memory stays bounded by a row
/// group), all columns REQUIRED: patient_id STRING, source_row INT64, probability DOUBLE, predicted_resistant
/// BOOLEAN. The footer records the model version and threshold that produced the file.
/// </summary>
internal sealed class ParquetPredictionSink : PredictionSink
{
    private static readonly DataField PatientId = new DataField<string>(CohortContract.PatientId, nullable: false);
    private static readonly DataField SourceRowField = new DataField<long>(SourceRow);
    private static readonly DataField ProbabilityField = new DataField<double>(Probability);
    private static readonly DataField PredictedField = new DataField<bool>(PredictedResistant);

    // Identifiers, rows and probabilities are (nearly) all distinct: a dictionary would only cost time.
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy, DictionaryEncodingThreshold = 0 };

    private readonly ParquetWriter _writer;
    private bool _wroteRows;
    private bool _closed;

    public ParquetPredictionSink(Stream output, LoadedModel model)
    {
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(PatientId, SourceRowField, ProbabilityField, PredictedField), output, Options, append: false)
            .GetAwaiter().GetResult();
        _writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["predictor.model.version"] = model.Version,
            ["predictor.model.threshold"] = model.Threshold.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    public override void Write(CohortLoadResult chunk, double[] probabilities, LoadedModel model)
    {
        if (probabilities.Length == 0) return;
        int rows = probabilities.Length;
        var sourceRows = new long[rows];
        var labels = new bool[rows];
        for (int r = 0; r < rows; r++)
        {
            sourceRows[r] = chunk.SourceRows[r];
            labels[r] = model.IsPositive(probabilities[r]);
        }
        WriteRowGroup(PatientIds(chunk).Values.ToArray()!, sourceRows, probabilities, labels);
        _wroteRows = true;
    }

    public override void Complete()
    {
        // A file with no scored rows still gets one empty row group, so readers see the schema and zero rows.
        if (!_wroteRows) WriteRowGroup([], [], [], []);
        Dispose();
    }

    /// <summary>Closing writes the footer; it happens once (an abandoned output is discarded by the caller anyway).</summary>
    public override void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void WriteRowGroup(string[] ids, long[] sourceRows, double[] probabilities, bool[] labels)
    {
        using var group = _writer.CreateRowGroup();
        group.WriteAsync(PatientId, ids).GetAwaiter().GetResult();
        group.WriteAsync<long>(SourceRowField, sourceRows).GetAwaiter().GetResult();
        group.WriteAsync<double>(ProbabilityField, probabilities).GetAwaiter().GetResult();
        group.WriteAsync<bool>(PredictedField, labels).GetAwaiter().GetResult();
        group.CompleteValidate();
    }
}
