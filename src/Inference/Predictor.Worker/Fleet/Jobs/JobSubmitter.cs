using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Worker.Inbox;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// Turns a cohort file into a job's chunks (<see cref="ChunkCodec"/>), which any worker can score without the file,
/// a part at a time so that they can be stored and scored while the rest is read: a Parquet file one row group per
/// batch (never held in memory whole), a CSV file read and checked whole, then stored about 131,072 rows per batch. Each
/// row is checked against the contract once; row numbers are 1-based rows of the whole file, duplicate ids are
/// found across row groups as within one.
/// </summary>
internal static class JobSubmitter
{
    /// <summary>Rows per batch of a CSV file (at least one chunk): a Parquet file's default row group, whose batch it is.</summary>
    private const int CsvBatchRows = 131_072;

    /// <summary>
    /// The file's batches, read lazily. Enumeration throws <see cref="PredictorInputException"/> (its message naming
    /// <paramref name="source"/>) when the file turns out unreadable, which for a Parquet file may be part-way.
    /// </summary>
    public static IEnumerable<SubmitBatch> Read(string path, string source, bool parquet, int chunkRows)
    {
        return Renamed(parquet ? ReadParquet(path, chunkRows) : ReadCsv(path, chunkRows), path, source);
    }

    /// <summary>The whole file as one job (tests, small files): every batch read before anything is stored.</summary>
    public static JobSubmission Prepare(string path, string source, bool parquet, int chunkRows, string submittedBy)
    {
        var batches = Read(path, source, parquet, chunkRows).ToList();
        return new JobSubmission(
            Guid.CreateVersion7(), source, submittedBy, [.. batches.SelectMany(b => b.Chunks)], [.. batches.SelectMany(b => b.Errors)],
            batches.Sum(b => b.RejectedRows));
    }

    private static IEnumerable<SubmitBatch> ReadCsv(string path, int chunkRows)
    {
        var loaded = CohortLoader.LoadCsv(path, CohortPurpose.Scoring);
        var chunks = Cut(loaded, chunkRows).ToList();
        var errors = Errors(loaded);
        int rejected = Rejected(loaded);
        int perBatch = Math.Max(1, CsvBatchRows / chunkRows);
        if (chunks.Count == 0) yield return new SubmitBatch([], errors, rejected);
        for (int first = 0; first < chunks.Count; first += perBatch)
        {
            bool isFirst = first == 0;
            yield return new SubmitBatch(chunks.GetRange(first, Math.Min(perBatch, chunks.Count - first)), isFirst ? errors : [], isFirst ? rejected : 0);
        }
    }

    private static IEnumerable<SubmitBatch> ReadParquet(string path, int chunkRows)
    {
        string[] columns = ScoringColumns(path);
        var duplicates = new DuplicateIds();
        int offset = 0;
        foreach (var table in ParquetTableReader.ReadRowGroups(path, columns))
        {
            var group = CohortLoader.FromTable(table, path, CohortPurpose.Scoring);
            if (offset > 0)
            {
                group = group with
                {
                    SourceRows = [.. group.SourceRows.Select(r => r + offset)],
                    Issues = [.. group.Issues.Select(i => i with { Row = i.Row + offset })],
                };
            }
            offset += table.RowCount;
            group = duplicates.Remove(group);
            yield return new SubmitBatch([.. Cut(group, chunkRows)], Errors(group), Rejected(group));
        }
    }

    private static IEnumerable<ChunkInput> Cut(CohortLoadResult loaded, int chunkRows)
    {
        var table = loaded.Table;
        for (int start = 0; start < table.RowCount; start += chunkRows)
        {
            int count = Math.Min(chunkRows, table.RowCount - start);
            var sourceRows = new int[count];
            for (int i = 0; i < count; i++) sourceRows[i] = loaded.SourceRows[start + i];
            yield return new ChunkInput(sourceRows, ChunkCodec.Encode(table, start, count));
        }
    }

    private static List<RowError> Errors(CohortLoadResult loaded) => [.. loaded.Issues.Select(i => new RowError(i.Row, i.Line, i.Column, i.Problem))];

    private static int Rejected(CohortLoadResult loaded) => loaded.Issues.Select(i => i.Row).Distinct().Count();

    /// <summary>Problems name the file as submitted (an upload's name, not its temporary path).</summary>
    private static IEnumerable<SubmitBatch> Renamed(IEnumerable<SubmitBatch> batches, string path, string source)
    {
        using var e = batches.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (PredictorInputException ex) when (path != source)
            {
                throw new PredictorInputException(ex.Message.Replace(path, source, StringComparison.Ordinal), ex);
            }
            yield return e.Current;
        }
    }

    /// <summary>The contract columns the Parquet file holds, less the labels (scoring ignores them).</summary>
    private static string[] ScoringColumns(string path)
    {
        return [.. ParquetTableReader.ColumnNames(path).Where(name => CohortContract.TryGet(name, out var spec) && !spec.IsLabel)];
    }
}
