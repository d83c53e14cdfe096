using Predictor.Training.Statistics;

namespace Predictor.Training.Evaluation;

/// <summary>
/// Logistic recalibration of predictions against outcomes (Cox 1958; Van Calster et al. 2016): the calibration slope is
/// b in logit P(y) = a + b·logit(p); the calibration intercept (calibration-in-the-large) is a in logit P(y) = a +
/// logit(p), with the slope fixed at 1. A perfectly calibrated model has intercept 0 and slope 1; a slope below 1 means
/// predictions are too extreme (overfitting). When the predictions separate the outcomes perfectly the maximum-likelihood
/// slope is infinite; both figures are then reported as NaN ("not estimable") rather than as a huge meaningless number.
/// So is a figure whose logistic fit does not converge: when nearly every prediction is 0 or 1 and some are on the wrong
/// side (near-separation), Newton overshoots and ends at a value like 10^11 that estimates nothing.
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
        var intercept = LogisticRegressionSolver.FitChecked(ones, 1, labels, logits);
        var design = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            design[2 * i] = 1;
            design[2 * i + 1] = logits[i];
        }
        var slope = LogisticRegressionSolver.FitChecked(design, 2, labels);
        return new CalibrationSummary(intercept.Converged ? intercept.Coefficients[0] : double.NaN, slope.Converged ? slope.Coefficients[1] : double.NaN);
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
