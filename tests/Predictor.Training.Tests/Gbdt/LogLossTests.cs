using Predictor.Training.Gbdt.Objective;

namespace Predictor.Training.Tests.Gbdt;

public class LogLossTests
{
    [Theory]
    [InlineData(0.0, -3.0)]
    [InlineData(0.0, 0.7)]
    [InlineData(1.0, -1.2)]
    [InlineData(1.0, 4.0)]
    [InlineData(1.0, 0.0)]
    public void Gradient_and_hessian_match_finite_differences_of_the_loss(double label, double raw)
    {
        var gradient = new double[1];
        var hessian = new double[1];
        LogLoss.Gradients([label], [2.0], [raw], gradient, hessian, new ParallelOptions());
        const double h = 1e-5;
        double numericGradient = 2 * (LogLoss.RowLoss(label, raw + h) - LogLoss.RowLoss(label, raw - h)) / (2 * h);
        double numericHessian = 2 * (LogLoss.RowLoss(label, raw + h) - 2 * LogLoss.RowLoss(label, raw) + LogLoss.RowLoss(label, raw - h)) / (h * h);
        Assert.Equal(numericGradient, gradient[0], 6);
        Assert.Equal(numericHessian, hessian[0], 4);
    }

    [Fact]
    public void Row_loss_is_the_negative_log_likelihood_and_stays_finite_for_extreme_scores()
    {
        Assert.Equal(-Math.Log(1 / (1 + Math.Exp(-0.3))), LogLoss.RowLoss(1, 0.3), 12);
        Assert.Equal(-Math.Log(1 - 1 / (1 + Math.Exp(-0.3))), LogLoss.RowLoss(0, 0.3), 12);
        Assert.Equal(800, LogLoss.RowLoss(0, 800), 9);
        Assert.Equal(0, LogLoss.RowLoss(1, 800), 9);
    }

    [Fact]
    public void The_base_score_minimises_the_loss_among_constants()
    {
        double[] labels = [1, 0, 0, 1, 1, 0, 0, 0];
        double best = LogLoss.BaseScore(labels, []);
        double at(double s) => LogLoss.Loss(labels, [], Enumerable.Repeat(s, labels.Length).ToArray());
        Assert.True(at(best) < at(best + 1e-3));
        Assert.True(at(best) < at(best - 1e-3));
    }
}
