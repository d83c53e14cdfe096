namespace Predictor.Training.Statistics;

/// <summary>
/// The median of the present (non-NaN) values, each counted with its weight: the smallest value whose cumulative
/// weight passes half the total, or the midpoint of two neighbours when the cumulative weight lands exactly on half.
/// With all weights 1 that is the ordinary median (the middle value, or the mean of the two middle values), and with
/// integer weights it is the median of the rows repeated that many times. Zero-weight rows do not count.
/// </summary>
public static class WeightedMedian
{
    /// <summary>The weighted median of <paramref name="values"/>' present entries, or null when none has a positive weight.</summary>
    public static double? OfPresent(double[] values, double[]? weights)
    {
        var kept = new List<(double Value, double Weight)>(values.Length);
        for (int r = 0; r < values.Length; r++)
        {
            double w = weights?[r] ?? 1;
            if (!double.IsNaN(values[r]) && w > 0) kept.Add((values[r], w));
        }
        if (kept.Count == 0) return null;
        // Ties hold the same value, so the order among them cannot change the answer.
        kept.Sort((a, b) => a.Value.CompareTo(b.Value));
        double total = 0;
        foreach (var (_, w) in kept) total += w;
        double half = total / 2, cumulative = 0;
        for (int i = 0; i < kept.Count; i++)
        {
            cumulative += kept[i].Weight;
            if (cumulative > half) return kept[i].Value;
            if (cumulative == half) return (kept[i].Value + kept[i + 1].Value) / 2;
        }
        return kept[^1].Value;
    }
}
