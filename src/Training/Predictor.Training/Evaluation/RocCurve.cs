namespace Predictor.Training.Evaluation;

/// <summary>One vertex of an empirical ROC curve: predicting positive when the score is at least <see cref="Threshold"/>.</summary>
public sealed record RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// The empirical ROC curve: one vertex per distinct score, from (0, 0) (threshold above every score) to (1, 1); tied
/// scores move the curve diagonally, so the trapezoidal area under it equals the Mann–Whitney AUC (ties counted half).
/// </summary>
public static class RocCurve
{
    public static IReadOnlyList<RocPoint> Compute(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("One score per label is needed.");
        var s = scores.ToArray();
        var y = labels.ToArray();
        // Descending by score: lowering the threshold past each distinct score adds that score's rows as positives.
        Array.Sort(s, y, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        double positives = y.Count(v => v == 1), negatives = y.Length - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("A ROC curve needs both positive and negative labels.");
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        double tp = 0, fp = 0;
        for (int i = 0; i < s.Length;)
        {
            int j = i;
            for (; j < s.Length && s[j] == s[i]; j++)
            {
                if (y[j] == 1) tp++;
                else fp++;
            }
            points.Add(new RocPoint(s[i], fp / negatives, tp / positives));
            i = j;
        }
        return points;
    }

    /// <summary>Trapezoidal area under the vertices (equal to <see cref="RocAuc"/> for a curve from <see cref="Compute"/>).</summary>
    public static double Area(IReadOnlyList<RocPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double area = 0;
        for (int i = 1; i < points.Count; i++)
            area += (points[i].FalsePositiveRate - points[i - 1].FalsePositiveRate) * (points[i].TruePositiveRate + points[i - 1].TruePositiveRate) / 2;
        return area;
    }
}
