namespace Predictor.Reports.Training;

/// <summary>Sample quantiles as the report computes them.</summary>
public static class Quantiles
{
    /// <summary>Quantile <paramref name="p"/> of sorted values by linear interpolation between order statistics (R's default type 7, numpy's default).</summary>
    public static double Type7(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) return double.NaN;
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        return lo + 1 >= sorted.Count ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
