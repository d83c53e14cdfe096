namespace Predictor.Data.Simulation;

/// <summary>
/// Finds the intercept that gives a logistic model a chosen average rate when its linear predictor is a normal
/// variable plus an optional binary term. This is how the simulator hits the study's 55.3% resistance rate exactly
/// in expectation, whatever the marker coefficients are.
/// </summary>
public static class LogisticIntercept
{
    /// <param name="targetRate">Wanted mean probability, in (0, 1).</param>
    /// <param name="predictorSd">Standard deviation of the normal part of the linear predictor.</param>
    /// <param name="binaryEffect">Log-odds added when the binary term is 1.</param>
    /// <param name="binaryProbability">How often the binary term is 1.</param>
    public static double Solve(double targetRate, double predictorSd, double binaryEffect = 0, double binaryProbability = 0)
    {
        if (!(targetRate is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(targetRate));
        double low = -30, high = 30;
        for (int iteration = 0; iteration < 200 && high - low > 1e-12; iteration++)
        {
            double mid = (low + high) / 2;
            double rate = (1 - binaryProbability) * MeanProbability(mid, predictorSd) + binaryProbability * MeanProbability(mid + binaryEffect, predictorSd);
            if (rate < targetRate) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>E[logistic(a + sd Z)] for standard normal Z, by the midpoint rule over ±8 sd (error far below 1e-9).</summary>
    public static double MeanProbability(double intercept, double sd)
    {
        const int steps = 4000;
        const double range = 8;
        double h = 2 * range / steps, sum = 0;
        for (int i = 0; i < steps; i++)
        {
            double z = -range + (i + 0.5) * h;
            sum += Math.Exp(-z * z / 2) / (1 + Math.Exp(-(intercept + sd * z)));
        }
        return sum * h / Math.Sqrt(2 * Math.PI);
    }
}
