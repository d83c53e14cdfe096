using Predictor.Data.Tables;
using Predictor.Scoring.Input;
using Predictor.Scoring.Tables;
using Predictor.Worker.Models;

namespace Predictor.Worker.Scoring;

/// <summary>
/// Scores a whole contract-validated table (an inbox chunk) with the compiled trees, splitting large tables into
/// slices scored in parallel. Each slice is scored exactly as a single row would be, so results do not depend on
/// the split.
/// </summary>
internal static class TableScorer
{
    // Below this many rows the work is too small to repay handing slices to other threads.
    private const int SliceRows = 16_384;

    // At most one slice per core. Unbounded, Parallel.For hands a slice to every thread the pool adds while its
    // threads are busy, so a long table kept the pool starved: a fleet job's lease renewal (timer, connection and
    // socket completions, each waiting for a thread) then took longer than the lease, and another worker took the
    // chunk over. Scoring called from a thread of its own (the job runner's) leaves a pool thread free.
    private static readonly ParallelOptions Bounded = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Calibrated probabilities, in table row order.</summary>
    public static double[] Score(DataTable table, LoadedModel model)
    {
        var rows = ModelInput.FromTable(table, model.Ensemble, InputPolicy.Tolerant);
        var probabilities = new double[table.RowCount];
        int width = model.Ensemble.Features.Count;
        int slices = (probabilities.Length + SliceRows - 1) / SliceRows;
        if (slices <= 1)
        {
            model.Score(rows, probabilities);
            return probabilities;
        }
        Parallel.For(0, slices, Bounded, s =>
        {
            int start = s * SliceRows;
            int count = Math.Min(SliceRows, probabilities.Length - start);
            model.Score(rows.AsSpan(start * width, count * width), probabilities.AsSpan(start, count));
        });
        return probabilities;
    }
}
