namespace Predictor.Survival.Cox;

/// <summary>The Cox linear predictor x·β for every patient.</summary>
internal static class LinearPredictor
{
    /// <summary>
    /// x·β per row, and its largest value: the likelihoods exponentiate η − max so that exp cannot overflow
    /// (the shift cancels between each numerator and its risk-set denominator).
    /// </summary>
    public static double[] Of(double[,] x, ReadOnlySpan<double> beta, out double max)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var eta = new double[n];
        max = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int a = 0; a < p; a++) s += x[i, a] * beta[a];
            eta[i] = s;
            max = Math.Max(max, s);
        }
        return eta;
    }
}
