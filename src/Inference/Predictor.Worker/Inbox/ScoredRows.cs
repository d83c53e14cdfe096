using Predictor.Data.Contract;

namespace Predictor.Worker.Inbox;

/// <summary>
/// What a file's outputs hold, kept while it is scored so that it can be recorded once the outputs are committed
/// (<see cref="IInboxRecorder"/>). Only ids, rows and probabilities are kept (about 60 bytes a patient), not the
/// chunks' feature tables, so a Parquet file read a row group at a time stays that way.
/// </summary>
internal sealed class ScoredRows
{
    private readonly List<Chunk> _chunks = [];

    public IReadOnlyList<Chunk> Chunks => _chunks;

    public int Count { get; private set; }

    public void Add(CohortLoadResult chunk, double[] probabilities)
    {
        var ids = (Predictor.Data.Tables.TextColumn)chunk.Table[CohortContract.PatientId];
        var patientIds = new string[probabilities.Length];
        for (int r = 0; r < patientIds.Length; r++) patientIds[r] = ids[r]!;
        _chunks.Add(new Chunk(patientIds, [.. chunk.SourceRows], probabilities));
        Count += probabilities.Length;
    }

    /// <summary>One chunk's predictions as written to the output: patient ids, 1-based file rows, probabilities.</summary>
    internal sealed record Chunk(string[] PatientIds, int[] SourceRows, double[] Probabilities);
}
