using System.Globalization;
using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Writing;
using Predictor.Worker.Inbox;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// A job's predictions as the inbox writes them (<c>patient_id, source_row, probability, predicted_resistant</c>), plus
/// the <c>model_version</c> that scored each row, in CSV or Parquet (one row group per 65,536 rows).
/// </summary>
internal static class JobResultsWriter
{
    public const string ModelVersion = "model_version";

    private const int RowGroup = 65_536;

    private static readonly ParquetColumn[] Schema =
    [
        new(0, CohortContract.PatientId, PhysicalType.ByteArray, 0, false, new LogicalTypeAnnotation(LogicalTypeKind.String)),
        new(1, PredictionSink.SourceRow, PhysicalType.Int64, 0, false, null),
        new(2, PredictionSink.Probability, PhysicalType.Double, 0, false, null),
        new(3, PredictionSink.PredictedResistant, PhysicalType.Boolean, 0, false, null),
        new(4, ModelVersion, PhysicalType.ByteArray, 0, false, new LogicalTypeAnnotation(LogicalTypeKind.String)),
    ];

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
    /// Writes Parquet to <paramref name="output"/>. The Parquet writer is synchronous and HTTP responses are not, so
    /// the file is built in a temporary file first and then copied.
    /// </summary>
    public static async Task WriteParquet(IAsyncEnumerable<JobPrediction> rows, Stream output, CancellationToken cancellation)
    {
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var options = new ParquetWriteOptions { CreatedBy = "predictor-worker", UseDictionary = false };
        using (var writer = new ParquetFileWriter(buffer, Schema, options, leaveOpen: true))
        {
            var group = new List<JobPrediction>(RowGroup);
            bool any = false;
            await foreach (var row in rows.WithCancellation(cancellation).ConfigureAwait(false))
            {
                group.Add(row);
                any = true;
                if (group.Count == RowGroup) Flush(writer, group);
            }
            if (!any)
            {
                // No scored rows: one empty row group, so readers see the schema and zero rows.
                writer.WriteRowGroup(
                [
                    new ParquetBinaryColumnData(Schema[0], [], [0], null),
                    new ParquetColumnData<long>(Schema[1], [], null),
                    new ParquetColumnData<double>(Schema[2], [], null),
                    new ParquetColumnData<bool>(Schema[3], [], null),
                    new ParquetBinaryColumnData(Schema[4], [], [0], null),
                ]);
            }
            Flush(writer, group);
            writer.Finish();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellation).ConfigureAwait(false);
    }

    private static void Flush(ParquetFileWriter writer, List<JobPrediction> group)
    {
        if (group.Count == 0) return;
        writer.WriteRowGroup(
        [
            Pack(Schema[0], group.Select(r => r.PatientId)),
            new ParquetColumnData<long>(Schema[1], [.. group.Select(r => (long)r.SourceRow)], null),
            new ParquetColumnData<double>(Schema[2], [.. group.Select(r => r.Probability)], null),
            new ParquetColumnData<bool>(Schema[3], [.. group.Select(r => r.PredictedResistant)], null),
            Pack(Schema[4], group.Select(r => r.ModelVersion)),
        ]);
        group.Clear();
    }

    private static ParquetBinaryColumnData Pack(ParquetColumn column, IEnumerable<string> values)
    {
        var list = values.ToList();
        var offsets = new int[list.Count + 1];
        var data = new List<byte>();
        for (int i = 0; i < list.Count; i++)
        {
            data.AddRange(Encoding.UTF8.GetBytes(list[i]));
            offsets[i + 1] = data.Count;
        }
        return new ParquetBinaryColumnData(column, [.. data], offsets, null);
    }
}
