namespace Predictor.Training.Evaluation;

/// <summary>A group of patients with similar predicted risk: its mean prediction, observed proportion and Wilson 95% CI.</summary>
public sealed record CalibrationGroup(int Count, double MeanPredicted, double Observed, double Lower, double Upper);

/// <summary>A point of the smoothed calibration curve: the locally observed proportion at a predicted risk.</summary>
public sealed record CalibrationCurvePoint(double Predicted, double Observed);

/// <summary>
/// The pictures behind calibration: patients grouped by predicted risk (equal-sized groups in order of prediction,
/// as the Hosmer–Lemeshow table does) and a kernel-smoothed curve of outcome on prediction.
/// </summary>
public static class CalibrationCurve
{
    /// <summary>Equal-count groups in order of prediction (sizes differ by at most one; tied predictions may straddle groups).</summary>
    public static IReadOnlyList<CalibrationGroup> Groups(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, int groups)
    {
        if (probabilities.Length != labels.Length || labels.IsEmpty) throw new ArgumentException("One probability per label is needed.");
        if (groups < 1 || groups > labels.Length) throw new ArgumentOutOfRangeException(nameof(groups), $"Between 1 and {labels.Length} groups are possible.");
        var p = probabilities.ToArray();
        var y = labels.ToArray();
        Array.Sort(p, y);
        var result = new List<CalibrationGroup>(groups);
        for (int g = 0; g < groups; g++)
        {
            int start = (int)((long)g * p.Length / groups), end = (int)((long)(g + 1) * p.Length / groups);
            int n = end - start;
            double events = 0, predicted = 0;
            for (int i = start; i < end; i++)
            {
                events += y[i];
                predicted += p[i];
            }
            var (lower, upper) = Wilson(events, n);
            result.Add(new CalibrationGroup(n, predicted / n, events / n, lower, upper));
        }
        return result;
    }

    /// <summary>The Wilson score 95% interval for <paramref name="events"/> out of <paramref name="n"/> (<see cref="WilsonInterval"/>).</summary>
    public static (double Lower, double Upper) Wilson(double events, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var interval = WilsonInterval.Compute(events, n);
        return (interval.Lower, interval.Upper);
    }

    /// <summary>
    /// Nadaraya–Watson (Gaussian kernel) smooth of outcome on prediction, evaluated at <paramref name="points"/>
    /// predictions spread over the observed range, with Silverman's bandwidth. On the probability scale rather than the
    /// logit: isotonic calibration yields predictions of exactly 0 or 1, whose logits would stretch the grid uselessly.
    /// </summary>
    public static IReadOnlyList<CalibrationCurvePoint> Smoothed(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, int points = 50)
    {
        if (probabilities.Length != labels.Length || labels.Length < 2) throw new ArgumentException("At least two probabilities with labels are needed.");
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var p = probabilities.ToArray();
        double mean = p.Average();
        double sd = Math.Sqrt(p.Sum(v => (v - mean) * (v - mean)) / (p.Length - 1));
        double bandwidth = 1.06 * (sd > 0 ? sd : 0.05) * Math.Pow(p.Length, -0.2);
        double lo = p.Min(), hi = p.Max();
        var curve = new List<CalibrationCurvePoint>(points);
        for (int k = 0; k < points; k++)
        {
            double at = lo + (hi - lo) * k / (points - 1);
            double weights = 0, weighted = 0;
            for (int i = 0; i < p.Length; i++)
            {
                double u = (p[i] - at) / bandwidth;
                double w = Math.Exp(-0.5 * u * u);
                weights += w;
                weighted += w * labels[i];
            }
            curve.Add(new CalibrationCurvePoint(at, weights > 0 ? weighted / weights : double.NaN));
        }
        return curve;
    }
}
