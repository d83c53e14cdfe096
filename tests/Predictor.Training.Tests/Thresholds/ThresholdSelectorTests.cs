using Predictor.Training.Evaluation;
using Predictor.Training.Thresholds;
using Xunit;

namespace Predictor.Training.Tests.Thresholds;

public sealed class ThresholdSelectorTests
{
    private static readonly double[] P = [0.1, 0.2, 0.35, 0.4, 0.6, 0.7, 0.8, 0.9];
    private static readonly double[] Y = [0, 0, 1, 0, 1, 0, 1, 1];

    [Fact]
    public void YoudenMaximisesJ()
    {
        double t = ThresholdSelector.Choose(P, Y, ThresholdRule.Youden);
        // Brute force over every observed probability.
        double bestJ = P.Max(c => J(c));
        Assert.Equal(bestJ, J(t), 12);
        Assert.Equal(0.35, t);
    }

    [Fact]
    public void MinimumSensitivityTakesTheHighestThresholdThatReachesIt()
    {
        Assert.Equal(0.6, ThresholdSelector.Choose(P, Y, ThresholdRule.AtLeastSensitivity(0.75)));
        Assert.Equal(0.35, ThresholdSelector.Choose(P, Y, ThresholdRule.AtLeastSensitivity(1.0)));
        Assert.Equal(0.9, ThresholdSelector.Choose(P, Y, ThresholdRule.AtLeastSensitivity(0.25)));
    }

    private static double J(double threshold)
    {
        var m = ThresholdMetrics.Compute(P, Y, threshold);
        return m.Sensitivity + m.Specificity - 1;
    }
}
