namespace Predictor.Training.Evaluation;

/// <summary>
/// AUC with its DeLong et al. (1988) variance and a Wald 95% confidence interval, as R's pROC <c>ci.auc(method="delong")</c>
/// reports it (AUC ± 1.96·SE, clipped to [0, 1]).
/// </summary>
public sealed record DeLongAuc(double Auc, double Variance, double Lower, double Upper)
{
    public double StandardError => Math.Sqrt(Variance);

    public static DeLongAuc Compute(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, double z = 1.959963984540054)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("One score per label is needed.");
        var positives = new List<double>();
        var negatives = new List<double>();
        for (int i = 0; i < labels.Length; i++) (labels[i] == 1 ? positives : negatives).Add(scores[i]);
        int m = positives.Count, n = negatives.Count;
        if (m < 2 || n < 2) throw new ArgumentException("The DeLong variance needs at least two positive and two negative labels.");
        // Structural components: V10 for each positive (share of negatives it outranks), V01 for each negative.
        var sortedNegatives = negatives.ToArray();
        var sortedPositives = positives.ToArray();
        Array.Sort(sortedNegatives);
        Array.Sort(sortedPositives);
        var v10 = new double[m];
        for (int i = 0; i < m; i++) v10[i] = (CountBelow(sortedNegatives, positives[i]) + 0.5 * CountEqual(sortedNegatives, positives[i])) / n;
        var v01 = new double[n];
        for (int j = 0; j < n; j++) v01[j] = (m - CountBelow(sortedPositives, negatives[j]) - CountEqual(sortedPositives, negatives[j]) + 0.5 * CountEqual(sortedPositives, negatives[j])) / m;
        double auc = v10.Average();
        double variance = SampleVariance(v10) / m + SampleVariance(v01) / n;
        double half = z * Math.Sqrt(variance);
        return new DeLongAuc(auc, variance, Math.Max(0, auc - half), Math.Min(1, auc + half));
    }

    private static double SampleVariance(double[] values)
    {
        double mean = values.Average();
        double sum = 0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return sum / (values.Length - 1);
    }

    /// <summary>How many sorted values lie strictly below <paramref name="x"/>.</summary>
    private static int CountBelow(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int CountEqual(double[] sorted, double x)
    {
        int below = CountBelow(sorted, x);
        int end = below;
        while (end < sorted.Length && sorted[end] == x) end++;
        return end - below;
    }
}
