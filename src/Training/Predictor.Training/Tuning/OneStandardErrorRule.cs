namespace Predictor.Training.Tuning;

/// <summary>
/// The one-standard-error rule (Hastie, Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, §7.10):
/// prefer the simpler model unless the more complex one is better by more than the noise in its estimate. Here the
/// comparison is paired by fold, because both models are scored on the same held-out rows, and the standard error is
/// Nadeau and Bengio's (2003) corrected one: cross-validation folds share most of their training rows, so their
/// improvements are correlated and the naive variance/k understates the noise; the correction multiplies the variance
/// by (1/k + test rows / training rows) instead. Without it, cross-validation picks trees that gained by chance in
/// every fold and then lose on new patients when the risk is linear on the log-odds scale.
/// </summary>
public static class OneStandardErrorRule
{
    /// <summary>Held-out rows per training row, averaged over the folds of a split of <paramref name="rows"/> rows.</summary>
    /// <param name="testFolds">Each fold's held-out row indices.</param>
    /// <param name="rows">Rows in the data the folds split.</param>
    public static double TestToTrainRatio(IReadOnlyList<int[]> testFolds, int rows)
    {
        ArgumentNullException.ThrowIfNull(testFolds);
        double test = testFolds.Average(f => f.Length);
        return test / (rows - test);
    }

    /// <summary>True when <paramref name="complex"/> beats <paramref name="simple"/> by more than one corrected paired standard error.</summary>
    /// <param name="complex">Held-out log-loss of the more complex model, one per fold.</param>
    /// <param name="simple">Held-out log-loss of the simpler model on the same folds.</param>
    /// <param name="testToTrainRatio">Held-out rows per training row in a fold (1/(k−1) for k-fold cross-validation).</param>
    public static bool Beats(IReadOnlyList<double> complex, IReadOnlyList<double> simple, double testToTrainRatio)
    {
        ArgumentNullException.ThrowIfNull(complex);
        ArgumentNullException.ThrowIfNull(simple);
        if (complex.Count != simple.Count || complex.Count == 0)
            throw new ArgumentException("Both models need a loss for each of the same folds.");
        ArgumentOutOfRangeException.ThrowIfNegative(testToTrainRatio);
        int k = complex.Count;
        var gains = new double[k];
        for (int i = 0; i < k; i++) gains[i] = simple[i] - complex[i];
        double mean = gains.Average();
        if (k == 1) return mean > 0;
        double variance = gains.Sum(g => (g - mean) * (g - mean)) / (k - 1);
        return mean > Math.Sqrt(variance * (1.0 / k + testToTrainRatio));
    }
}
