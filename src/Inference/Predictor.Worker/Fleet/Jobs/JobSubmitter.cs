using Predictor.Data.Contract;
using Predictor.Data.Parquet.Tables;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// Turns a cohort file into a job: reads it (CSV or Parquet, by the given format), checks it against the contract
/// once, and cuts the valid rows into chunks (<see cref="ChunkCodec"/>) that any worker can score without the file.
/// </summary>
internal static class JobSubmitter
{
    /// <exception cref="Predictor.Data.Errors.PredictorInputException">The file cannot be read as a cohort; the message names <paramref name="source"/>.</exception>
    public static JobSubmission Prepare(string path, string source, bool parquet, int chunkRows, string submittedBy)
    {
        CohortLoadResult loaded;
        try
        {
            loaded = parquet
                ? CohortLoader.FromTable(ParquetTableReader.Read(path, ScoringColumns(path)), source, CohortPurpose.Scoring)
                : CohortLoader.LoadCsv(path, CohortPurpose.Scoring);
        }
        catch (Predictor.Data.Errors.PredictorInputException ex) when (path != source)
        {
            throw new Predictor.Data.Errors.PredictorInputException(ex.Message.Replace(path, source, StringComparison.Ordinal), ex);
        }
        var table = loaded.Table;
        var chunks = new List<ChunkInput>((table.RowCount + chunkRows - 1) / chunkRows);
        for (int start = 0; start < table.RowCount; start += chunkRows)
        {
            int count = Math.Min(chunkRows, table.RowCount - start);
            int[] rows = [.. Enumerable.Range(start, count)];
            var sourceRows = new int[count];
            for (int i = 0; i < count; i++) sourceRows[i] = loaded.SourceRows[start + i];
            chunks.Add(new ChunkInput(sourceRows, ChunkCodec.Encode(table.SelectRows(rows))));
        }
        var errors = loaded.Issues.Select(i => new RowError(i.Row, i.Line, i.Column, i.Problem)).ToList();
        int rejected = loaded.Issues.Select(i => i.Row).Distinct().Count();
        return new JobSubmission(Guid.CreateVersion7(), source, submittedBy, chunks, errors, rejected);
    }

    /// <summary>The contract columns the Parquet file holds, less the labels (scoring ignores them).</summary>
    private static string[] ScoringColumns(string path)
    {
        return [.. ParquetTableReader.ColumnNames(path).Where(name => CohortContract.TryGet(name, out var spec) && !spec.IsLabel)];
    }
}
