namespace Predictor.Survival.Design;

/// <summary>
/// Splits a continuous marker into high/low as clinical papers do: at the median of the measured values unless a
/// cut-off is stated. Missing values stay missing (NaN).
/// </summary>
public static class MarkerDichotomiser
{
    /// <summary>The median of the non-missing values (the mean of the middle two for an even count).</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var present = new List<double>(values.Length);
        foreach (double v in values) if (!double.IsNaN(v)) present.Add(v);
        if (present.Count == 0) return double.NaN;
        present.Sort();
        int m = present.Count / 2;
        return present.Count % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2;
    }

    /// <summary>1 where the value is strictly above <paramref name="cutOff"/> (or strictly below, for a loss), else 0; NaN stays NaN.</summary>
    public static double[] Dichotomise(ReadOnlySpan<double> values, double cutOff, bool highIsAbove = true)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            result[i] = double.IsNaN(v) ? double.NaN : (highIsAbove ? v > cutOff : v < cutOff) ? 1.0 : 0.0;
        }
        return result;
    }
}
