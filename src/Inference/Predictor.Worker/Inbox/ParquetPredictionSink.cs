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

    // Identifiers, rows and probabilities are (nearly) all distinct: a dictionary would only cost time. Parquet.Net
    // 6.1.0 tries one only for columns given EncodingHint.Dictionary (none here); the zero threshold keeps it off
    // should that default change.
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy, DictionaryEncodingThreshold = 0 };

    private readonly ParquetWriter _writer;
    private ReadOnlyMemory<char>[] _ids = [];
    private long[] _sourceRows = [];
    private bool[] _labels = [];
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
        Grow(rows);
        var ids = PatientIds(chunk).Values;
        for (int r = 0; r < rows; r++)
        {
            // Scored rows passed the contract check, which refuses a missing identifier; the column is REQUIRED.
            _ids[r] = (ids[r] ?? throw new InvalidOperationException($"Scored row {chunk.SourceRows[r]} has no {CohortContract.PatientId}.")).AsMemory();
            _sourceRows[r] = chunk.SourceRows[r];
            _labels[r] = model.IsPositive(probabilities[r]);
        }
        WriteRowGroup(_ids.AsMemory(0, rows), _sourceRows.AsMemory(0, rows), probabilities, _labels.AsMemory(0, rows));
        // The identifiers are the chunk's strings: not held on to after the chunk is written.
        Array.Clear(_ids, 0, rows);
        _wroteRows = true;
    }

    /// <summary>
    /// The column buffers are kept from chunk to chunk (memory stays bounded by the largest row group): a fresh set per
    /// chunk would put four arrays of a row group's length on the large-object heap each time.
    /// </summary>
    private void Grow(int rows)
    {
        if (_ids.Length >= rows) return;
        _ids = new ReadOnlyMemory<char>[rows];
        _sourceRows = new long[rows];
        _labels = new bool[rows];
    }

    public override void Complete()
    {
        // A file with no scored rows still gets one empty row group, so readers see the schema and zero rows.
        if (!_wroteRows) WriteRowGroup(ReadOnlyMemory<ReadOnlyMemory<char>>.Empty, ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<bool>.Empty);
        Dispose();
    }

    /// <summary>Closing writes the footer; it happens once (an abandoned output is discarded by the caller anyway).</summary>
    public override void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void WriteRowGroup(ReadOnlyMemory<ReadOnlyMemory<char>> ids, ReadOnlyMemory<long> sourceRows, ReadOnlyMemory<double> probabilities, ReadOnlyMemory<bool> labels)
    {
        using var group = _writer.CreateRowGroup();
        // The non-nullable overload: Parquet.Net's string[] overload copies the values into nullable form and builds
        // definition levels that a REQUIRED column does not have.
        group.WriteAsync(PatientId, ids).GetAwaiter().GetResult();
        group.WriteAsync(SourceRowField, sourceRows).GetAwaiter().GetResult();
        group.WriteAsync(ProbabilityField, probabilities).GetAwaiter().GetResult();
        group.WriteAsync(PredictedField, labels).GetAwaiter().GetResult();
        group.CompleteValidate();
    }
}
