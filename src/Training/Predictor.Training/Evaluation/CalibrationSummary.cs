using Predictor.Training.Statistics;

namespace Predictor.Training.Evaluation;

/// <summary>
/// Logistic recalibration of predictions against outcomes (Cox 1958; Van Calster et al. 2016): the calibration slope is
/// b in logit P(y) = a + b·logit(p); the calibration intercept (calibration-in-the-large) is a in logit P(y) = a +
/// logit(p), with the slope fixed at 1. A perfectly calibrated model has intercept 0 and slope 1; a slope below 1 means
/// predictions are too extreme (overfitting). When the predictions separate the outcomes perfectly the maximum-likelihood
/// slope is infinite; both figures are then reported as NaN ("not estimable") rather than as a huge meaningless number.
/// </summary>
public sealed record CalibrationSummary(double Intercept, double Slope)
{
    public static CalibrationSummary Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length || labels.IsEmpty) throw new ArgumentException("One probability per label is needed.");
        if (Separates(probabilities, labels)) return new CalibrationSummary(double.NaN, double.NaN);
        int n = labels.Length;
        var logits = new double[n];
        for (int i = 0; i < n; i++) logits[i] = LogisticRegressionSolver.Logit(probabilities[i]);
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        double intercept = LogisticRegressionSolver.Fit(ones, 1, labels, logits)[0];
        var design = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            design[2 * i] = 1;
            design[2 * i + 1] = logits[i];
        }
        double slope = LogisticRegressionSolver.Fit(design, 2, labels)[1];
        return new CalibrationSummary(intercept, slope);
    }

    /// <summary>True when every positive scores above every negative (or one class is absent).</summary>
    public static bool Separates(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double lowestPositive = double.PositiveInfinity, highestNegative = double.NegativeInfinity;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 1) lowestPositive = Math.Min(lowestPositive, probabilities[i]);
            else highestNegative = Math.Max(highestNegative, probabilities[i]);
        }
        return lowestPositive > highestNegative;
    }
}
