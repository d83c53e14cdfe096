namespace Predictor.Training.Evaluation;

/// <summary>Binary log-loss of probabilities (clipped to [1e-15, 1 − 1e-15], as sklearn does).</summary>
public static class LogLossMetric
{
    public static double Sum(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length) throw new ArgumentException("One probability per label is needed.");
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum;
    }

    /// <summary>Σ wᵢ·logloss_i: the loss a weighted fit minimises, measured on held-out rows with their weights.</summary>
    public static double Sum(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
    {
        if (probabilities.Length != labels.Length || weights.Length != labels.Length) throw new ArgumentException("One probability and one weight per label are needed.");
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= weights[i] * (labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p));
        }
        return sum;
    }

    public static double Mean(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels) => Sum(probabilities, labels) / labels.Length;
}
