namespace Predictor.Training.Evaluation;

/// <summary>The 2×2 table at a decision threshold (predicted positive when probability ≥ threshold) and its rates.</summary>
public sealed record ThresholdMetrics(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>True-positive rate; NaN when there are no positives.</summary>
    public double Sensitivity => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>True-negative rate; NaN when there are no negatives.</summary>
    public double Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>Positive predictive value; NaN when nobody is predicted positive.</summary>
    public double PositivePredictiveValue => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Negative predictive value; NaN when nobody is predicted negative.</summary>
    public double NegativePredictiveValue => Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    /// <summary>Wilson 95% interval of <see cref="Sensitivity"/> (NaN when there are no positives).</summary>
    public WilsonInterval SensitivityInterval => WilsonInterval.Compute(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Wilson 95% interval of <see cref="Specificity"/> (NaN when there are no negatives).</summary>
    public WilsonInterval SpecificityInterval => WilsonInterval.Compute(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>Wilson 95% interval of <see cref="PositivePredictiveValue"/> (NaN when nobody is predicted positive).</summary>
    public WilsonInterval PositivePredictiveValueInterval => WilsonInterval.Compute(TruePositives, TruePositives + FalsePositives);

    /// <summary>Wilson 95% interval of <see cref="NegativePredictiveValue"/> (NaN when nobody is predicted negative).</summary>
    public WilsonInterval NegativePredictiveValueInterval => WilsonInterval.Compute(TrueNegatives, TrueNegatives + FalseNegatives);

    public static ThresholdMetrics Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, double threshold)
    {
        if (probabilities.Length != labels.Length) throw new ArgumentException("One probability per label is needed.");
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            bool predicted = probabilities[i] >= threshold;
            bool actual = labels[i] == 1;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }
        return new ThresholdMetrics(threshold, tp, fp, tn, fn);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : numerator / (double)denominator;
}
