namespace Predictor.Survival.KaplanMeier;

/// <summary>
/// Reads the time at which a step curve first falls to a probability, with R's rule for flat stretches:
/// when the curve equals the probability exactly over an interval, the answer is the interval's midpoint.
/// </summary>
internal static class CurveQuantile
{
    /// <summary>R's <c>quantile.survfit</c> tolerance, sqrt(.Machine$double.eps).</summary>
    private const double Tolerance = 1.4901161193847656e-08;

    public static double Find(IReadOnlyList<double> time, IReadOnlyList<double> curve, double probability)
    {
        // Only the points where the curve changes matter; censoring times repeat the previous value.
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < time.Count; i++)
        {
            double v = curve[i];
            if (double.IsNaN(v)) continue;
            if (y.Count > 0 && y[^1] == v) continue;
            x.Add(time[i]);
            y.Add(v);
        }
        for (int i = 0; i < y.Count; i++)
        {
            if (y[i] > probability + Tolerance) continue;
            if (Math.Abs(y[i] - probability) < Tolerance && i + 1 < y.Count) return (x[i] + x[i + 1]) / 2;
            return x[i];
        }
        return double.NaN;
    }
}
