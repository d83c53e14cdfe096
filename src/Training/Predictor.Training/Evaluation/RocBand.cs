using Predictor.Training.Statistics;

namespace Predictor.Training.Evaluation;

/// <summary>
/// A pointwise 95% band for a ROC curve by the percentile bootstrap with vertical averaging (Fawcett 2006): resample
/// patients with their (fixed) predictions, read each resample's sensitivity at a grid of false-positive rates, and take
/// the 2.5th and 97.5th percentiles at each. The model is not refitted: the band shows sampling variability of the
/// curve for these predictions, as pROC's <c>ci.se</c> does.
/// </summary>
public static class RocBand
{
    public sealed record Band(IReadOnlyList<double> FalsePositiveRate, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);

    public static Band Compute(IReadOnlyList<double> scores, IReadOnlyList<double> labels, int resamples, ulong seed, int gridPoints = 51)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 20);
        int n = labels.Count;
        var grid = Enumerable.Range(0, gridPoints).Select(k => k / (double)(gridPoints - 1)).ToArray();
        var samples = grid.Select(_ => new List<double>(resamples)).ToArray();
        var random = new SplitMix64(SplitMix64.Derive(seed, 0xC0FFEEUL));
        var s = new double[n];
        var y = new double[n];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < n; i++)
            {
                int r = random.NextInt(n);
                s[i] = scores[r];
                y[i] = labels[r];
            }
            // A resample holding one class only has no ROC curve; it is left out rather than counted as anything.
            if (y.All(v => v == 1) || y.All(v => v != 1)) continue;
            var curve = RocCurve.Compute(s, y);
            for (int g = 0; g < grid.Length; g++) samples[g].Add(SensitivityAt(curve, grid[g]));
        }
        return new Band(grid, [.. samples.Select(v => Percentile(v, 0.025))], [.. samples.Select(v => Percentile(v, 0.975))]);
    }

    /// <summary>The curve's highest true-positive rate at false-positive rate <paramref name="fpr"/>, interpolating along its segments.</summary>
    public static double SensitivityAt(IReadOnlyList<RocPoint> curve, double fpr)
    {
        ArgumentNullException.ThrowIfNull(curve);
        double best = 0;
        for (int i = 1; i < curve.Count; i++)
        {
            RocPoint a = curve[i - 1], b = curve[i];
            if (b.FalsePositiveRate < fpr) continue;
            if (a.FalsePositiveRate > fpr) break;
            double t = b.FalsePositiveRate == a.FalsePositiveRate
                ? b.TruePositiveRate
                : a.TruePositiveRate + (b.TruePositiveRate - a.TruePositiveRate) * (fpr - a.FalsePositiveRate) / (b.FalsePositiveRate - a.FalsePositiveRate);
            best = Math.Max(best, t);
        }
        return best;
    }

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position), hi = (int)Math.Ceiling(position);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
    }
}
