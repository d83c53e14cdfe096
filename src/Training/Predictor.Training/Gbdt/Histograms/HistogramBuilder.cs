using System.Buffers;
using Predictor.Training.Gbdt.Binning;

namespace Predictor.Training.Gbdt.Histograms;

/// <summary>
/// Builds a leaf's histogram from its rows. Work is split by feature: each feature's bins are summed by one thread in
/// row order, so the result is bit-identical whatever the thread count (no cross-thread reduction to reorder sums).
/// </summary>
public sealed class HistogramBuilder
{
    // Below this many (row, feature) updates, starting threads costs more than it saves.
    private const long ParallelThreshold = 200_000;

    private readonly BinnedMatrix _matrix;
    private readonly ParallelOptions _parallel;

    public HistogramBuilder(BinnedMatrix matrix, ParallelOptions parallel)
    {
        _matrix = matrix ?? throw new ArgumentNullException(nameof(matrix));
        _parallel = parallel ?? throw new ArgumentNullException(nameof(parallel));
    }

    /// <summary>Fills <paramref name="target"/> with the statistics of <paramref name="rows"/> for the active features.</summary>
    public void Build(ReadOnlySpan<int> rows, double[] gradients, double[] hessians, bool[] activeFeatures, Histogram target)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(hessians);
        ArgumentNullException.ThrowIfNull(activeFeatures);
        ArgumentNullException.ThrowIfNull(target);
        target.Clear();
        int n = rows.Length;
        // Gradients gathered in leaf order once, instead of once per feature.
        var ordered = ArrayPool<double>.Shared.Rent(2 * n);
        var rowArray = ArrayPool<int>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                int row = rows[i];
                rowArray[i] = row;
                ordered[2 * i] = gradients[row];
                ordered[2 * i + 1] = hessians[row];
            }
            int features = _matrix.FeatureCount;
            if ((long)n * features < ParallelThreshold || _parallel.MaxDegreeOfParallelism == 1)
            {
                for (int f = 0; f < features; f++)
                {
                    if (activeFeatures[f]) BuildFeature(f, rowArray, ordered, n, target);
                }
            }
            else
            {
                Parallel.For(0, features, _parallel, f =>
                {
                    if (activeFeatures[f]) BuildFeature(f, rowArray, ordered, n, target);
                });
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(ordered);
            ArrayPool<int>.Shared.Return(rowArray);
        }
    }

    private void BuildFeature(int feature, int[] rows, double[] ordered, int n, Histogram target)
    {
        var bins = target.Feature(feature);
        var column = _matrix.ColumnArray(feature);
        for (int i = 0; i < n; i++)
        {
            ref var bin = ref bins[column[rows[i]]];
            bin.Gradient += ordered[2 * i];
            bin.Hessian += ordered[2 * i + 1];
            bin.Count++;
        }
    }
}
