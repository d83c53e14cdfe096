using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Explanations;

/// <summary>
/// Data-based global importance: each feature's TreeSHAP contribution (log-odds), in absolute value, averaged over
/// rows (the bar chart of the SHAP package and of the training report). Unlike <see cref="GlobalImportance"/> it
/// includes the linear margin, so a feature the margin carries in a straight line ranks by its effect on the
/// predictions. A feature the model never reads scores exactly 0.
/// </summary>
public static class MeanAbsoluteShap
{
    /// <summary>Rows per parallel block; blocks are summed in order, so the result does not depend on the thread count.</summary>
    private const int BlockRows = 256;

    /// <summary>Mean |contribution| per feature, in the model's feature order, over rows stored row-major.</summary>
    public static double[] Compute(TreeEnsemble model, ReadOnlySpan<double> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        int width = model.Features.Count;
        if (width == 0) return [];
        if (rows.Length % width != 0) throw new ArgumentException($"{rows.Length} values do not make whole rows of {width} features.", nameof(rows));
        int count = rows.Length / width;
        if (count == 0) throw new ArgumentException("Mean |SHAP| needs at least one row.", nameof(rows));
        var data = rows.ToArray();
        int blocks = (count + BlockRows - 1) / BlockRows;
        var partial = new double[blocks][];
        Parallel.For(0, blocks, block =>
        {
            var sums = new double[width];
            var phi = new double[width];
            for (int r = block * BlockRows, end = Math.Min(count, r + BlockRows); r < end; r++)
            {
                TreeShap.Contributions(model, data.AsSpan(r * width, width), phi);
                for (int f = 0; f < width; f++) sums[f] += Math.Abs(phi[f]);
            }
            partial[block] = sums;
        });
        var mean = new double[width];
        foreach (var sums in partial)
        {
            for (int f = 0; f < width; f++) mean[f] += sums[f];
        }
        for (int f = 0; f < width; f++) mean[f] /= count;
        return mean;
    }
}
