using Predictor.Training.Statistics;

namespace Predictor.Training.Evaluation;

/// <summary>
/// Logistic recalibration of predictions against outcomes (Cox 1958; Van Calster et al. 2016): the calibration slope is
/// b in logit P(y) = a + b·logit(p); the calibration intercept (calibration-in-the-large) is a in logit P(y) = a +
/// logit(p), with the slope fixed at 1. A perfectly calibrated model has intercept 0 and slope 1; a slope below 1 means
/// predictions are too extreme (overfitting).
/// </summary>
public sealed record CalibrationSummary(double Intercept, double Slope)
{
    public static CalibrationSummary Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length || labels.IsEmpty) throw new ArgumentException("One probability per label is needed.");
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
}
