using Predictor.Data.Contract;
using Predictor.Data.Parquet.Inspection;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// The Parquet predictions writer on its own: it keeps its column buffers from chunk to chunk, so chunks that shrink
/// and grow again must each come out with exactly their own rows.
/// </summary>
public sealed class ParquetPredictionSinkTests
{
    private static readonly LoadedModel Model = ModelLoader.Load(WorkerHost.BundledModel, TimeProvider.System);

    [Fact]
    public void Chunks_of_changing_size_each_keep_exactly_their_own_rows()
    {
        int[] sizes = [5, 2, 9, 1];
        using var stream = new MemoryStream();
        using (var sink = PredictionSink.Open(".parquet", stream, Model))
        {
            int first = 1;
            foreach (int size in sizes)
            {
                var chunkIds = Enumerable.Range(first, size).Select(r => $"patient-{r}").ToArray();
                var probabilities = Enumerable.Range(first, size).Select(r => r / 100.0).ToArray();
                sink.Write(Chunk(chunkIds, [.. Enumerable.Range(first, size)]), probabilities, Model);
                first += size;
            }
            sink.Complete();
        }

        var bytes = stream.ToArray();
        var table = ParquetTableReader.Read(new MemoryStream(bytes), "predictions.parquet");
        Assert.Equal(sizes.Sum(), table.RowCount);
        var ids = (TextColumn)table[CohortContract.PatientId];
        var rows = (NumericColumn)table["source_row"];
        var probability = (NumericColumn)table["probability"];
        var resistant = (BooleanColumn)table["predicted_resistant"];
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.Equal($"patient-{r + 1}", ids[r]);
            Assert.Equal(r + 1, rows.Values[r]);
            Assert.Equal((r + 1) / 100.0, probability.Values[r]);
            Assert.Equal(Model.IsPositive((r + 1) / 100.0) ? (byte)1 : (byte)0, resistant.Values[r]);
        }
        string path = Path.Combine(Path.GetTempPath(), $"sink-{Guid.NewGuid():N}.parquet");
        try
        {
            File.WriteAllBytes(path, bytes);
            Assert.Equal(sizes, ParquetFile.Inspect(path).RowGroups.Select(g => (int)g.RowCount));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_with_no_scored_rows_still_has_the_schema_and_zero_rows()
    {
        using var stream = new MemoryStream();
        using (var sink = PredictionSink.Open(".parquet", stream, Model))
        {
            sink.Write(Chunk([], []), [], Model);
            sink.Complete();
        }
        var table = ParquetTableReader.Read(new MemoryStream(stream.ToArray()), "predictions.parquet");
        Assert.Equal([CohortContract.PatientId, "source_row", "probability", "predicted_resistant"], table.ColumnNames);
        Assert.Equal(0, table.RowCount);
    }

    private static CohortLoadResult Chunk(string[] ids, int[] sourceRows) =>
        new("test", new DataTable([new TextColumn(CohortContract.PatientId, ids)]), sourceRows, [], ids.Length, []);
}
