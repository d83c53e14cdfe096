namespace Predictor.Training.Evaluation;

/// <summary>One point of a decision curve (Vickers &amp; Elkin 2006).</summary>
/// <param name="Threshold">Threshold probability p_t: the risk at which treatment and no treatment are judged equal.</param>
/// <param name="Model">Net benefit of treating patients whose predicted risk is at least p_t.</param>
/// <param name="TreatAll">Net benefit of treating everyone.</param>
public sealed record DecisionCurvePoint(double Threshold, double Model, double TreatAll)
{
    /// <summary>Treating nobody has net benefit 0 by definition.</summary>
    public double TreatNone => 0;
}

/// <summary>Decision-curve analysis: net benefit = TP/n − FP/n · p_t/(1 − p_t).</summary>
public static class DecisionCurve
{
    public static double NetBenefit(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, double threshold)
    {
        if (threshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold probability must be in (0, 1).");
        var table = ThresholdMetrics.Compute(probabilities, labels, threshold);
        double n = labels.Length;
        return table.TruePositives / n - table.FalsePositives / n * threshold / (1 - threshold);
    }

    public static double TreatAllNetBenefit(ReadOnlySpan<double> labels, double threshold)
    {
        double prevalence = 0;
        foreach (var y in labels) prevalence += y;
        prevalence /= labels.Length;
        return prevalence - (1 - prevalence) * threshold / (1 - threshold);
    }

    /// <summary>The curve at thresholds from <paramref name="from"/> to <paramref name="to"/> in steps of <paramref name="step"/>.</summary>
    public static IReadOnlyList<DecisionCurvePoint> Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels,
        double from = 0.01, double to = 0.99, double step = 0.01)
    {
        var points = new List<DecisionCurvePoint>();
        int count = (int)Math.Round((to - from) / step);
        for (int k = 0; k <= count; k++)
        {
            double t = from + k * step;
            points.Add(new DecisionCurvePoint(t, NetBenefit(probabilities, labels, t), TreatAllNetBenefit(labels, t)));
        }
        return points;
    }
}
