namespace Predictor.Training.Evaluation;

/// <summary>Brier score: the mean squared difference between predicted probability and the 0/1 outcome (lower is better).</summary>
public static class BrierScore
{
    public static double Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length || labels.IsEmpty) throw new ArgumentException("One probability per label is needed.");
        double sum = 0;
        for (int i = 0; i < labels.Length; i++) sum += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
        return sum / labels.Length;
    }
}
