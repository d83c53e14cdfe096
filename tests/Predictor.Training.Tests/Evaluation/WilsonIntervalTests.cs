using Predictor.Training.Evaluation;
using Xunit;

namespace Predictor.Training.Tests.Evaluation;

public sealed class WilsonIntervalTests
{
    // Expected bounds solved independently as the roots of (k/n − p)² = z²·p(1 − p)/n (the score test's acceptance
    // region) with scipy.optimize.brentq and z = scipy.stats.norm.ppf(0.975), Debian python3-scipy 1.10.1.
    [Theory]
    [InlineData(7, 20, 0.181191824101055, 0.567145723314763)]
    [InlineData(45, 52, 0.747266798348062, 0.933231182946039)]
    [InlineData(1, 3, 0.0614919447203962, 0.792340399197949)]
    [InlineData(81, 100, 0.722211546209357, 0.874852484902313)]
    [InlineData(0, 10, 0, 0.277532799862891)]
    [InlineData(10, 10, 0.722467200137109, 1)]
    public void MatchesTheRootsOfTheScoreTest(int events, int n, double lower, double upper)
    {
        var ci = WilsonInterval.Compute(events, n);
        Assert.Equal(lower, ci.Lower, 10);
        Assert.Equal(upper, ci.Upper, 10);
    }

    [Fact]
    public void AnEmptyDenominatorHasNoIntervalAndImpossibleCountsAreRefused()
    {
        var none = WilsonInterval.Compute(0, 0);
        Assert.True(double.IsNaN(none.Lower) && double.IsNaN(none.Upper));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(-1, 4));
    }

    [Fact]
    public void ThresholdMetricsPutEachRateOnItsOwnDenominator()
    {
        // TP 7, FN 13 (20 positives); TN 45, FP 7 (52 negatives); 14 predicted positive, 58 predicted negative.
        var m = new ThresholdMetrics(0.3, TruePositives: 7, FalsePositives: 7, TrueNegatives: 45, FalseNegatives: 13);
        Assert.Equal(WilsonInterval.Compute(7, 20), m.SensitivityInterval);
        Assert.Equal(WilsonInterval.Compute(45, 52), m.SpecificityInterval);
        Assert.Equal(WilsonInterval.Compute(7, 14), m.PositivePredictiveValueInterval);
        Assert.Equal(WilsonInterval.Compute(45, 58), m.NegativePredictiveValueInterval);
        Assert.Equal(0.181191824101055, m.SensitivityInterval.Lower, 10);
        Assert.True(double.IsNaN(new ThresholdMetrics(0.99, 0, 0, 10, 5).PositivePredictiveValueInterval.Lower));
    }
}
