using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Tests.Support;
using Xunit;

namespace Predictor.Training.Tests.Baselines;

public sealed class PenalisedLogisticRegressionTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.05)]
    public void MatchesSklearnRidgeLogisticRegression(double c)
    {
        var random = new Random(11);
        int n = 250;
        var a = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 300)).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 10, 2)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => random.NextDouble() < 1 / (1 + Math.Exp(-(0.01 * (a[i] - 150) - 0.3 * (b[i] - 5)))) ? 1.0 : 0.0).ToArray();
        var data = new TrainingSet([new FeatureColumn("a", a), new FeatureColumn("b", b)], y);
        var model = PenalisedLogisticRegression.Fit(data, 1 / c);

        var reference = SklearnLogistic.Fit(data, c);
        Assert.Equal(reference.Intercept, model.Coefficients[0], 5);
        Assert.Equal(reference.Coefficients[0], model.Coefficients[1], 5);
        Assert.Equal(reference.Coefficients[1], model.Coefficients[2], 5);
    }

    [Fact]
    public void ImputesMediansAddsMissingIndicatorsAndOneHotEncodes()
    {
        var data = SyntheticCohort.Generate(300, 5);
        var design = LogisticDesign.Fit(data);
        Assert.Contains("p_akt_hscore missing", design.ColumnNames);
        Assert.Contains("etiology=HBV", design.ColumnNames);
        Assert.Contains("etiology=missing", design.ColumnNames);
        Assert.DoesNotContain("age_years missing", design.ColumnNames);
        var matrix = design.Transform(data);
        Assert.All(matrix, v => Assert.True(double.IsFinite(v)));
        // Standardised columns have mean 0 on the training rows.
        int width = design.Width;
        for (int c = 1; c < width; c++)
            Assert.Equal(0, Enumerable.Range(0, data.RowCount).Average(r => matrix[r * width + c]), 9);
    }

    [Fact]
    public void LeavesOutConstantAndAllMissingColumns()
    {
        double[] y = [0, 1, 0, 1, 1, 0];
        var data = new TrainingSet(
        [
            new FeatureColumn("x", [1, 2, 3, 4, 5, 6]),
            new FeatureColumn("constant", [2, 2, 2, 2, 2, 2]),
            new FeatureColumn("empty", [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]),
        ], y);
        Assert.Equal(["x"], LogisticDesign.Fit(data).ColumnNames);
    }

    [Fact]
    public void TunedFitFindsTheSignal()
    {
        var train = SyntheticCohort.Generate(600, 1);
        var test = SyntheticCohort.Generate(600, 2);
        var folds = Training.Validation.StratifiedKFold.Split(train.Labels, 5, 3);
        var model = PenalisedLogisticRegression.FitTuned(train, folds);
        Assert.Contains(model.Penalty, PenalisedLogisticRegression.PenaltyGrid);
        Assert.True(Training.Evaluation.RocAuc.Compute(model.Predict(test), test.Labels) > 0.75);
    }
}
