using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>Sensitivity, specificity, PPV and NPV of the out-of-fold predictions at fixed thresholds and at the chosen one.</summary>
public static class ThresholdTable
{
    public static IReadOnlyList<double> StandardThresholds { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

    public static IReadOnlyList<string> Header { get; } = ["Threshold", "Predicted resistant", "Sensitivity", "Specificity", "PPV", "NPV"];

    /// <summary>The rows, in increasing threshold order, and the index of the chosen threshold's row.</summary>
    public static (IReadOnlyList<ThresholdMetrics> Rows, int Chosen) Compute(IReadOnlyList<double> outOfFold, IReadOnlyList<double> labels, double chosen)
    {
        ArgumentNullException.ThrowIfNull(outOfFold);
        ArgumentNullException.ThrowIfNull(labels);
        double[] p = [.. outOfFold], y = [.. labels];
        var thresholds = StandardThresholds.Where(t => Math.Abs(t - chosen) > 1e-9).Append(chosen).Order().ToArray();
        return ([.. thresholds.Select(t => ThresholdMetrics.Compute(p, y, t))], Array.IndexOf(thresholds, chosen));
    }

    public static IReadOnlyList<string> Cells(ThresholdMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        int n = m.TruePositives + m.FalsePositives + m.TrueNegatives + m.FalseNegatives;
        return [ReportNumbers.Fixed(m.Threshold, 3), $"{m.TruePositives + m.FalsePositives} of {n}", ReportNumbers.Percent(m.Sensitivity),
            ReportNumbers.Percent(m.Specificity), ReportNumbers.Percent(m.PositivePredictiveValue), ReportNumbers.Percent(m.NegativePredictiveValue)];
    }
}
