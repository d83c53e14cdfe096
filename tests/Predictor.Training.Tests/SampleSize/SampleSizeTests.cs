using Predictor.Training.Evaluation;
using Predictor.Training.SampleSize;
using Predictor.Training.Statistics;
using Xunit;

namespace Predictor.Training.Tests.SampleSize;

public sealed class SampleSizeTests
{
    [Fact]
    public void MatchesPmsampsizeWorkedExample()
    {
        // pmsampsize(type = "b", csrsquared = 0.288, parameters = 24, prevalence = 0.174) (Riley et al. BMJ 2020, box):
        // criteria 623, 662 and 221 participants, final 662, shrinkage 0.905, max R² 0.603, EPP 4.80.
        var result = SampleSizeRequirement.Compute(24, 0.174, 0.288);
        Assert.Equal((623, 662, 221), (result.Criterion1, result.Criterion2, result.Criterion3));
        Assert.Equal(662, result.Required);
        Assert.Equal(0.905, result.Shrinkage, 3);
        Assert.Equal(0.603, result.MaxR2, 3);
        Assert.Equal(4.80, result.EventsPerParameter, 2);
    }

    [Fact]
    public void CoxSnellFromCStatisticAgreesWithSimulation()
    {
        // The pmsampsize route: simulate the binormal linear predictor, fit the logistic model, take 1 − exp(−LR/n).
        double c = 0.75, prevalence = 0.3;
        var random = new Random(17);
        int n = 200_000;
        double mu = Math.Sqrt(2) * 0.6744897501960817; // Φ⁻¹(0.75)
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = random.NextDouble() < prevalence ? 1 : 0;
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            x[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2) + (y[i] == 1 ? mu : 0);
        }
        var beta = LogisticRegressionSolver.Fit(x.SelectMany(v => new[] { 1.0, v }).ToArray(), 2, y);
        var p = x.Select(v => LogisticRegressionSolver.Sigmoid(beta[0] + beta[1] * v)).ToArray();
        double phat = y.Average();
        double nullLoss = -n * (phat * Math.Log(phat) + (1 - phat) * Math.Log(1 - phat));
        double lr = 2 * (nullLoss - LogLossMetric.Sum(p, y));
        double simulated = 1 - Math.Exp(-lr / n);
        Assert.Equal(simulated, CoxSnellFromCStatistic.Compute(c, prevalence), 2);
        Assert.Equal(c, RocAuc.Compute(x, y), 2);
    }

    [Fact]
    public void BetterDiscriminationNeedsFewerPatients()
    {
        var weak = SampleSizeRequirement.Compute(10, 0.5, CoxSnellFromCStatistic.Compute(0.7, 0.5));
        var strong = SampleSizeRequirement.Compute(10, 0.5, CoxSnellFromCStatistic.Compute(0.85, 0.5));
        Assert.True(strong.Required < weak.Required);
    }
}
