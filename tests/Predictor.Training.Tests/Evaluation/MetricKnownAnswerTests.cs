using System.Globalization;
using Predictor.Training.Evaluation;
using Predictor.Training.Statistics;
using Xunit;

namespace Predictor.Training.Tests.Evaluation;

public sealed class MetricKnownAnswerTests
{
    [Fact]
    public void DeLongMatchesHandWorkedExample()
    {
        // Positives 0.9, 0.6, 0.4; negatives 0.7, 0.4, 0.2.
        // V10 = (3/3, 2/3, 1.5/3) and V01 = (1/3, 2.5/3, 3/3): AUC = 6.5/9; Var = (7/54)/2/3 + (13/54)/2/3 = 5/81.
        double[] scores = [0.9, 0.6, 0.4, 0.7, 0.4, 0.2];
        double[] labels = [1, 1, 1, 0, 0, 0];
        var result = DeLongAuc.Compute(scores, labels);
        Assert.Equal(6.5 / 9, result.Auc, 12);
        Assert.Equal(5.0 / 81, result.Variance, 12);
        Assert.Equal(RocAuc.Compute(scores, labels), result.Auc, 12);
        Assert.Equal(Math.Max(0, 6.5 / 9 - 1.959963984540054 * Math.Sqrt(5.0 / 81)), result.Lower, 12);
        Assert.Equal(1.0, result.Upper, 12);
    }

    [Fact]
    public void DeLongAgreesWithRankAucOnLargerData()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.4 ? 1.0 : 0.0).ToArray();
        var scores = labels.Select(y => Math.Round(random.NextDouble() + 0.5 * y, 1)).ToArray();
        var result = DeLongAuc.Compute(scores, labels);
        Assert.Equal(RocAuc.Compute(scores, labels), result.Auc, 12);
        Assert.InRange(result.StandardError, 0.01, 0.05);
    }

    [Fact]
    public void BrierIsMeanSquaredError()
    {
        Assert.Equal((0.01 + 0.01 + 0.25) / 3, BrierScore.Compute([0.1, 0.9, 0.5], [0, 1, 1]), 15);
    }

    [Fact]
    public void ThresholdTableCountsAndRates()
    {
        double[] p = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1];
        double[] y = [1, 1, 1, 0, 0, 0];
        var t = ThresholdMetrics.Compute(p, y, 0.5);
        Assert.Equal((2, 1, 2, 1), (t.TruePositives, t.FalsePositives, t.TrueNegatives, t.FalseNegatives));
        Assert.Equal(2.0 / 3, t.Sensitivity, 15);
        Assert.Equal(2.0 / 3, t.Specificity, 15);
        Assert.Equal(2.0 / 3, t.PositivePredictiveValue, 15);
        Assert.Equal(2.0 / 3, t.NegativePredictiveValue, 15);
        Assert.True(double.IsNaN(ThresholdMetrics.Compute(p, y, 0.95).PositivePredictiveValue));
    }

    [Fact]
    public void NetBenefitByHand()
    {
        double[] p = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1];
        double[] y = [1, 1, 1, 0, 0, 0];
        // At p_t = 0.25: treated = p >= 0.25 -> TP 3, FP 1; NB = 3/6 - 1/6 * (0.25/0.75) = 0.5 - 1/18.
        Assert.Equal(0.5 - 1.0 / 18, DecisionCurve.NetBenefit(p, y, 0.25), 15);
        // Treat all: prevalence 0.5 - 0.5 * 1/3.
        Assert.Equal(0.5 - 0.5 / 3, DecisionCurve.TreatAllNetBenefit(y, 0.25), 15);
        var curve = DecisionCurve.Compute(p, y, 0.1, 0.5, 0.1);
        Assert.Equal(5, curve.Count);
        Assert.All(curve, point => Assert.Equal(0, point.TreatNone));
    }

    [Fact]
    public void CalibrationOfOwnLogisticFitIsPerfect()
    {
        // A maximum-likelihood logistic fit satisfies its score equations, so recalibrating its own predictions gives
        // intercept 0 and slope 1 exactly; making every logit twice as extreme halves the slope.
        var random = new Random(7);
        int n = 400;
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var y = x.Select(v => random.NextDouble() < LogisticRegressionSolver.Sigmoid(0.3 + 1.2 * v) ? 1.0 : 0.0).ToArray();
        var design = x.SelectMany(v => new[] { 1.0, v }).ToArray();
        var beta = LogisticRegressionSolver.Fit(design, 2, y);
        var p = x.Select(v => LogisticRegressionSolver.Sigmoid(beta[0] + beta[1] * v)).ToArray();
        var own = CalibrationSummary.Compute(p, y);
        Assert.Equal(0, own.Intercept, 8);
        Assert.Equal(1, own.Slope, 8);
        var extreme = p.Select(q => LogisticRegressionSolver.Sigmoid(2 * LogisticRegressionSolver.Logit(q))).ToArray();
        Assert.Equal(0.5, CalibrationSummary.Compute(extreme, y).Slope, 8);
    }

    [Fact]
    public void LogLossMatchesDefinition()
    {
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, LogLossMetric.Mean([0.8, 0.4], [1, 0]), 15);
    }

    [Fact]
    public void CalibrationIsNotEstimableUnderPerfectSeparation()
    {
        var result = CalibrationSummary.Compute([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);
        Assert.True(double.IsNaN(result.Slope));
        Assert.True(double.IsNaN(result.Intercept));
        Assert.False(double.IsNaN(CalibrationSummary.Compute([0.1, 0.85, 0.8, 0.9], [0, 0, 1, 1]).Slope));
    }

    [Fact]
    public void CalibrationInterceptIsNotEstimableWhenItsFitDiverges()
    {
        // Near-separation, as an overfitted bootstrap replicate scores the original data: predictions numerically 0
        // or 1, two negatives at 1 and a positive at 5.5e-13. Every p(1 - p) is about 0, so Newton's Hessian is too and
        // its first step overshoots to an intercept of order 10^10 (the "4.3e10" the optimism bootstrap once printed).
        double[] p = [.. Enumerable.Repeat(1e-30, 10), 1.0, 1.0, .. Enumerable.Repeat(1.0, 10), 5.5e-13];
        double[] y = [.. Enumerable.Repeat(0.0, 12), .. Enumerable.Repeat(1.0, 11)];
        var logits = p.Select(LogisticRegressionSolver.Logit).ToArray();
        var fit = LogisticRegressionSolver.FitChecked(Enumerable.Repeat(1.0, p.Length).ToArray(), 1, y, logits);
        Assert.False(fit.Converged);
        Assert.True(Math.Abs(fit.Coefficients[0]) > 1e6, fit.Coefficients[0].ToString(CultureInfo.InvariantCulture));
        Assert.True(double.IsNaN(CalibrationSummary.Compute(p, y).Intercept));
        // A well-behaved fit says it converged, to the coefficients Fit returns.
        var x = new[] { 1.0, -1, 1, 0, 1, 1, 1, 2, 1, -2, 1, 0.5 };
        double[] labels = [0, 1, 1, 1, 0, 0];
        var ok = LogisticRegressionSolver.FitChecked(x, 2, labels);
        Assert.True(ok.Converged);
        Assert.Equal(LogisticRegressionSolver.Fit(x, 2, labels), ok.Coefficients);
    }
}
