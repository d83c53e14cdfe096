using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Worker.Models;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.Scoring;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// Scores a leased chunk with the compiled trees, calibration and threshold. Its rows were checked against the
/// contract when the job was submitted and stored in <see cref="ChunkCodec"/> form, so they are decoded, not parsed
/// and checked again.
/// </summary>
internal static class ChunkScorer
{
    public static ScoredChunk Score(LeasedChunk chunk, LoadedModel model, Audit.PatientRefs? audit, DateTimeOffset now)
    {
        var table = Read(chunk);
        var probabilities = TableScorer.Score(table, model);
        var column = (TextColumn)table[CohortContract.PatientId];
        var ids = new string[column.Length];
        for (int r = 0; r < ids.Length; r++) ids[r] = column[r]!;
        var labels = new bool[probabilities.Length];
        for (int r = 0; r < labels.Length; r++) labels[r] = model.IsPositive(probabilities[r]);
        string[]? refs = audit is null ? null : audit.Hashed ? [.. ids.Select(audit.For)] : ids;
        return new ScoredChunk(chunk, model.Version, ids, probabilities, labels, refs, audit?.Hashed ?? false, now);
    }

    private static DataTable Read(LeasedChunk chunk)
    {
        string name = $"job {chunk.JobId} chunk {chunk.ChunkNo}";
        DataTable table;
        if (ChunkCodec.IsBinary(chunk.Input))
        {
            try
            {
                table = ChunkCodec.Decode(chunk.Input);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidOperationException($"{name}: {ex.Message}", ex);
            }
        }
        else
        {
            // Chunks stored as contract CSV by a worker from before the binary form (schema version 1): parse and check.
            using var input = new MemoryStream(chunk.Input, writable: false);
            var loaded = CohortLoader.FromRaw(CsvTableReader.ReadRaw(input, name), CohortPurpose.Scoring);
            if (loaded.Issues.Count > 0)
                throw new InvalidOperationException($"{name}: {loaded.Issues.Count} rows failed the contract check on re-reading.");
            table = loaded.Table;
        }
        if (table.RowCount != chunk.SourceRows.Length || !table.Contains(CohortContract.PatientId))
        {
            throw new InvalidOperationException(
                $"{name}: the stored input holds {table.RowCount} rows for {chunk.SourceRows.Length} source rows, or no {CohortContract.PatientId} column.");
        }
        return table;
    }
}
