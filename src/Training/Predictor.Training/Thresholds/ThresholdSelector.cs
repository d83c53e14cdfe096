namespace Predictor.Training.Thresholds;

/// <summary>Applies a <see cref="ThresholdRule"/> to probabilities and outcomes (predicted positive when p ≥ threshold).</summary>
public static class ThresholdSelector
{
    public static double Choose(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (probabilities.Length != labels.Length) throw new ArgumentException("One probability per label is needed.");
        var p = probabilities.ToArray();
        var y = labels.ToArray();
        Array.Sort(p, y);
        double positives = y.Sum(), negatives = y.Length - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("Choosing a threshold needs both classes.");
        // Walk thresholds upward through the distinct probabilities; at threshold p[i] rows below i are predicted negative.
        double truePositives = positives, trueNegatives = 0;
        double bestThreshold = p[0], bestJ = double.NegativeInfinity;
        for (int i = 0; i < p.Length;)
        {
            double sensitivity = truePositives / positives;
            double specificity = trueNegatives / negatives;
            if (rule.MinimumSensitivity is { } target)
            {
                if (sensitivity + 1e-12 >= target) bestThreshold = p[i];
            }
            else if (sensitivity + specificity - 1 > bestJ)
            {
                bestJ = sensitivity + specificity - 1;
                bestThreshold = p[i];
            }
            int j = i;
            while (j < p.Length && p[j] == p[i])
            {
                if (y[j] == 1) truePositives--;
                else trueNegatives++;
                j++;
            }
            i = j;
        }
        return bestThreshold;
    }
}
