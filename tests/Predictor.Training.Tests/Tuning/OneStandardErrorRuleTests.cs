using Predictor.Training.Tuning;
using Xunit;

namespace Predictor.Training.Tests.Tuning;

public sealed class OneStandardErrorRuleTests
{
    [Fact]
    public void HandComputedCorrectedStandardError()
    {
        // Gains 0.004, -0.004, 0.003, 0.002, 0.002: mean 0.0014, sample variance 9.8e-6;
        // naive SE sqrt(var/5) = 0.0014, corrected SE sqrt(var * (1/5 + 1/4)) = 0.0021.
        double[] simple = [0.5, 0.5, 0.5, 0.5, 0.5];
        double[] complex = [0.496, 0.504, 0.497, 0.498, 0.498];
        Assert.False(OneStandardErrorRule.Beats(complex, simple, testToTrainRatio: 0.25));
        // With a larger mean gain (each fold 0.001 better still) the same spread is beaten: mean 0.0024 > 0.0021.
        double[] better = [.. complex.Select(c => c - 0.001)];
        Assert.True(OneStandardErrorRule.Beats(better, simple, testToTrainRatio: 0.25));
        // A mean gain of 0.0015 passes the naive SE (0.0014) and fails the corrected one (0.0021).
        double[] marginal = [.. complex.Select(c => c - 0.0001)];
        Assert.True(OneStandardErrorRule.Beats(marginal, simple, testToTrainRatio: 0));
        Assert.False(OneStandardErrorRule.Beats(marginal, simple, testToTrainRatio: 0.25));
    }

    [Fact]
    public void AModelNeverBeatsItself()
    {
        double[] losses = [0.4, 0.5, 0.45];
        Assert.False(OneStandardErrorRule.Beats(losses, losses, 0.5));
    }

    [Fact]
    public void MismatchedFoldsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => OneStandardErrorRule.Beats([0.1, 0.2], [0.1], 0.25));
    }
}
