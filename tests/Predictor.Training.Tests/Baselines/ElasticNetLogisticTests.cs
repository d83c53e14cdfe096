using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Statistics;
using Predictor.Training.Tests.Support;
using Xunit;

namespace Predictor.Training.Tests.Baselines;

public sealed class ElasticNetLogisticTests
{
    /// <summary>Intercept column then three standardised-ish features; the third carries no signal.</summary>
    private static (double[] Design, double[] Labels) Problem(int n, int seed)
    {
        var random = new Random(seed);
        var design = new double[n * 4];
        var labels = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1, c = random.NextDouble() * 2 - 1;
            design[i * 4] = 1;
            design[i * 4 + 1] = a;
            design[i * 4 + 2] = b;
            design[i * 4 + 3] = c;
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(0.3 + 2 * a - 1.5 * b))) ? 1 : 0;
        }
        return (design, labels);
    }

    [Fact]
    public void WithoutAnL1ShareItIsTheRidgeSolution()
    {
        var (x, y) = Problem(300, 1);
        var ridge = LogisticRegressionSolver.Fit(x, 4, y, ridge: 3);
        var net = ElasticNetLogisticSolver.Fit(x, 4, y, 3, 0);
        for (int j = 0; j < 4; j++) Assert.Equal(ridge[j], net[j], 7);
    }

    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(10.0, 1.0)]
    [InlineData(25.0, 0.8)]
    public void SolutionSatisfiesTheOptimalityConditions(double penalty, double l1Ratio)
    {
        var (x, y) = Problem(300, 2);
        var beta = ElasticNetLogisticSolver.Fit(x, 4, y, penalty, l1Ratio);
        // Gradient of the summed log-loss, computed directly.
        var gradient = new double[4];
        for (int i = 0; i < y.Length; i++)
        {
            double eta = 0;
            for (int j = 0; j < 4; j++) eta += x[i * 4 + j] * beta[j];
            double residual = 1 / (1 + Math.Exp(-eta)) - y[i];
            for (int j = 0; j < 4; j++) gradient[j] += residual * x[i * 4 + j];
        }
        Assert.Equal(0, gradient[0], 6);
        double l1 = penalty * l1Ratio, l2 = penalty * (1 - l1Ratio);
        for (int j = 1; j < 4; j++)
        {
            // KKT: a non-zero coefficient balances the gradient exactly; a zero one has |gradient| within the L1 penalty.
            if (beta[j] != 0) Assert.Equal(0, gradient[j] + l2 * beta[j] + l1 * Math.Sign(beta[j]), 6);
            else Assert.True(Math.Abs(gradient[j]) <= l1 + 1e-6, $"coefficient {j}: |gradient| {Math.Abs(gradient[j])} > {l1}");
        }
    }

    [Fact]
    public void AHeavyLassoKeepsOnlyTheInterceptAtTheLogOddsOfThePrevalence()
    {
        var (x, y) = Problem(200, 3);
        var beta = ElasticNetLogisticSolver.Fit(x, 4, y, 1e4, 1);
        double prevalence = y.Average();
        Assert.Equal(Math.Log(prevalence / (1 - prevalence)), beta[0], 9);
        Assert.Equal([0.0, 0.0, 0.0], beta.Skip(1));
    }

    [Fact]
    public void MatchesSklearnElasticNet()
    {
        var random = new Random(11);
        int n = 250;
        var a = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 300)).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 10, 2)).ToArray();
        var c = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 3)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => random.NextDouble() < 1 / (1 + Math.Exp(-(0.01 * (a[i] - 150) - 0.3 * (b[i] - 5)))) ? 1.0 : 0.0).ToArray();
        var data = new TrainingSet([new FeatureColumn("a", a), new FeatureColumn("b", b), new FeatureColumn("c", c)], y);
        const double C = 0.05, L1Ratio = 0.7;
        var model = PenalisedLogisticRegression.Fit(data, 1 / C, L1Ratio);
        Assert.Equal(L1Ratio, model.L1Ratio);

        var reference = SklearnLogistic.Fit(data, C, l1Ratio: L1Ratio);
        // saga is a stochastic solver: agreement to 1e-4 is what its tolerance allows.
        Assert.Equal(reference.Intercept, model.Coefficients[0], 4);
        for (int j = 0; j < 3; j++) Assert.Equal(reference.Coefficients[j], model.Coefficients[j + 1], 4);
    }

    [Fact]
    public void TunedElasticNetComparatorFindsTheSignal()
    {
        var train = SyntheticCohort.Generate(400, 1);
        var test = SyntheticCohort.Generate(600, 2);
        var folds = Training.Validation.StratifiedKFold.Split(train.Labels, 5, 3);
        var model = PenalisedLogisticRegression.FitTuned(train, folds, 0.5);
        Assert.Equal("elastic-net logistic (l1_ratio 0.5)", model.Describe());
        Assert.True(Training.Evaluation.RocAuc.Compute(model.Predict(test), test.Labels) > 0.75);
    }
}
