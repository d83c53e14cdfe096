using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Validation;

/// <summary>An optimism-corrected figure needs the metric in at least half of the completed replicates.</summary>
public sealed class BootstrapMetricTests
{
    [Fact]
    public void Corrected_is_apparent_minus_optimism_when_most_replicates_estimate_it()
    {
        var metric = new BootstrapMetric("calibration_slope", 1.2, 0.3, Replicates: 30, Excluded: 30);
        Assert.Equal(0.9, metric.Corrected, 12);
        Assert.Null(metric.NotEstimableReason);
    }

    [Fact]
    public void Corrected_is_NaN_with_the_reason_when_more_replicates_are_excluded_than_counted()
    {
        var metric = new BootstrapMetric("calibration_intercept", 0.0, 0.1, Replicates: 5, Excluded: 55);
        Assert.True(double.IsNaN(metric.Corrected));
        Assert.Contains("calibration_intercept: no optimism-corrected value (NA): not estimable in 55 of 60 bootstrap replicates", metric.NotEstimableReason, StringComparison.Ordinal);
        Assert.Contains("does not converge", metric.NotEstimableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrected_is_NaN_when_no_replicate_estimates_it()
    {
        var metric = new BootstrapMetric("calibration_slope", 3.4, double.NaN, Replicates: 0, Excluded: 60);
        Assert.True(double.IsNaN(metric.Corrected));
        Assert.NotNull(metric.NotEstimableReason);
    }
}
