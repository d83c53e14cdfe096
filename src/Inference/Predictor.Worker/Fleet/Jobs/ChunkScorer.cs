using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Worker.Models;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.Scoring;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>Scores a leased chunk on the worker's usual path (contract check, compiled trees, calibration, threshold).</summary>
internal static class ChunkScorer
{
    public static ScoredChunk Score(LeasedChunk chunk, LoadedModel model, Audit.PatientRefs? audit, DateTimeOffset now)
    {
        string name = $"job {chunk.JobId} chunk {chunk.ChunkNo}";
        using var input = new MemoryStream(chunk.Input, writable: false);
        var loaded = CohortLoader.FromRaw(CsvTableReader.ReadRaw(input, name), CohortPurpose.Scoring);
        // The rows were checked when the job was submitted; a row refused now means the chunk's CSV did not survive.
        if (loaded.Issues.Count > 0 || loaded.Table.RowCount != chunk.SourceRows.Length)
        {
            throw new InvalidOperationException(
                $"{name}: {loaded.Table.RowCount} of {chunk.SourceRows.Length} rows passed the contract check on re-reading ({loaded.Issues.Count} issues).");
        }
        var probabilities = TableScorer.Score(loaded.Table, model);
        var column = (TextColumn)loaded.Table[CohortContract.PatientId];
        var ids = new string[column.Length];
        for (int r = 0; r < ids.Length; r++) ids[r] = column[r]!;
        var labels = new bool[probabilities.Length];
        for (int r = 0; r < labels.Length; r++) labels[r] = model.IsPositive(probabilities[r]);
        string[]? refs = audit is null ? null : audit.Hashed ? [.. ids.Select(audit.For)] : ids;
        return new ScoredChunk(chunk, model.Version, ids, probabilities, labels, refs, audit?.Hashed ?? false, now);
    }
}
