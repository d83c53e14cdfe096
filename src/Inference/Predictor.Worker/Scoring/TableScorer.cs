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
        Parallel.For(0, slices, s =>
        {
            int start = s * SliceRows;
            int count = Math.Min(SliceRows, probabilities.Length - start);
            model.Score(rows.AsSpan(start * width, count * width), probabilities.AsSpan(start, count));
        });
        return probabilities;
    }
}
