using System.Globalization;
using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Writing;
using Predictor.Worker.Models;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Predictions as Parquet, one row group per input chunk (so memory stays bounded by a row group), all columns
/// REQUIRED: patient_id STRING, source_row INT64, probability DOUBLE, predicted_resistant BOOLEAN. The footer records
/// the model version and threshold that produced the file.
/// </summary>
internal sealed class ParquetPredictionSink : PredictionSink
{
    private static readonly ParquetColumn[] Schema =
    [
        new(0, CohortContract.PatientId, PhysicalType.ByteArray, 0, false, new LogicalTypeAnnotation(LogicalTypeKind.String)),
        new(1, SourceRow, PhysicalType.Int64, 0, false, null),
        new(2, Probability, PhysicalType.Double, 0, false, null),
        new(3, PredictedResistant, PhysicalType.Boolean, 0, false, null),
    ];

    private readonly ParquetFileWriter _writer;
    private bool _wroteRows;

    public ParquetPredictionSink(Stream output, LoadedModel model)
    {
        // Identifiers, rows and probabilities are (nearly) all distinct: trying a dictionary per chunk only costs time.
        var options = new ParquetWriteOptions { CreatedBy = "predictor-worker", UseDictionary = false };
        _writer = new ParquetFileWriter(output, Schema, options, leaveOpen: true);
        _writer.AddKeyValue("predictor.model.version", model.Version);
        _writer.AddKeyValue("predictor.model.threshold", model.Threshold.ToString("R", CultureInfo.InvariantCulture));
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
        _writer.WriteRowGroup(
        [
            PackIds(PatientIds(chunk).Values),
            new ParquetColumnData<long>(Schema[1], sourceRows, null),
            new ParquetColumnData<double>(Schema[2], probabilities, null),
            new ParquetColumnData<bool>(Schema[3], labels, null),
        ]);
        _wroteRows = true;
    }

    public override void Complete()
    {
        // A file with no scored rows still gets one empty row group, so readers see the schema and zero rows.
        if (!_wroteRows)
        {
            _writer.WriteRowGroup(
            [
                new ParquetBinaryColumnData(Schema[0], [], [0], null),
                new ParquetColumnData<long>(Schema[1], [], null),
                new ParquetColumnData<double>(Schema[2], [], null),
                new ParquetColumnData<bool>(Schema[3], [], null),
            ]);
        }
        _writer.Finish();
    }

    public override void Dispose() => _writer.Dispose();

    /// <summary>UTF-8 bytes of every identifier in one buffer with offsets (identifiers are unique: no dictionary).</summary>
    private static ParquetBinaryColumnData PackIds(ReadOnlySpan<string?> ids)
    {
        var offsets = new int[ids.Length + 1];
        long total = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            total += Encoding.UTF8.GetByteCount(ids[i]!);
            offsets[i + 1] = checked((int)total);
        }
        var data = new byte[total];
        for (int i = 0; i < ids.Length; i++) Encoding.UTF8.GetBytes(ids[i]!, data.AsSpan(offsets[i]));
        return new ParquetBinaryColumnData(Schema[0], data, offsets, null);
    }
}
