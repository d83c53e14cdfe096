namespace Predictor.Training.Evaluation;

/// <summary>Binary log-loss of probabilities (clipped to [1e-15, 1 − 1e-15], as sklearn does).</summary>
public static class LogLossMetric
{
    public static double Sum(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length) throw new ArgumentException("One probability per label is needed.");
        return WeightedSum(probabilities, labels, default);
    }

    /// <summary>Σ wᵢ·logloss_i: the loss a weighted fit minimises, measured on held-out rows with their weights.</summary>
    public static double Sum(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
    {
        if (probabilities.Length != labels.Length || weights.Length != labels.Length) throw new ArgumentException("One probability and one weight per label are needed.");
        return WeightedSum(probabilities, labels, weights);
    }

    /// <summary>No weights count every row as 1; multiplying by 1 is exact, so the unweighted sum keeps its bits.</summary>
    private static double WeightedSum(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= (weights.IsEmpty ? 1 : weights[i]) * (labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p));
        }
        return sum;
    }

    public static double Mean(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels) => Sum(probabilities, labels) / labels.Length;
}
