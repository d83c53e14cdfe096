namespace Predictor.Training.Evaluation;

/// <summary>Everything TRIPOD+AI asks to report about predictions against outcomes, at one decision threshold.</summary>
public sealed record PerformanceSummary(
    DeLongAuc Auc,
    double Brier,
    CalibrationSummary Calibration,
    ThresholdMetrics AtThreshold,
    IReadOnlyList<DecisionCurvePoint> DecisionCurve)
{
    public static PerformanceSummary Compute(double[] probabilities, double[] labels, double threshold)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        return new PerformanceSummary(
            DeLongAuc.Compute(probabilities, labels),
            BrierScore.Compute(probabilities, labels),
            CalibrationSummary.Compute(probabilities, labels),
            ThresholdMetrics.Compute(probabilities, labels, threshold),
            Evaluation.DecisionCurve.Compute(probabilities, labels));
    }
}
