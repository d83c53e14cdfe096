using System.Globalization;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Statistics;
using Predictor.Training.Tests.Support;
using Predictor.Training.Validation;
using Xunit;
using Xunit.Abstractions;

namespace Predictor.Training.Tests.Baselines;

/// <summary>The ridge logistic regression with row weights: Σ wᵢ·logloss_i + λ/2 ‖β‖² on a weighted design.</summary>
public sealed class WeightedLogisticRegressionTests(ITestOutputHelper output)
{
    [Fact]
    public void IntegerWeightsFitAsDuplicatedRows()
    {
        // Missing values and a categorical feature: the weighted median, indicators and level columns all take part.
        var data = SyntheticCohort.Generate(300, seed: 21, missingRate: 0.15);
        var counts = WeightedRows.Counts(data.RowCount, seed: 22);
        var weighted = PenalisedLogisticRegression.Fit(data, 2, weights: [.. counts.Select(c => (double)c)]);
        var repeated = PenalisedLogisticRegression.Fit(WeightedRows.Repeated(data, counts), 2);

        Assert.Equal(repeated.Design.ColumnNames, weighted.Design.ColumnNames);
        Assert.Equal(repeated.Coefficients.Count, weighted.Coefficients.Count);
        for (int j = 0; j < weighted.Coefficients.Count; j++) Assert.Equal(repeated.Coefficients[j], weighted.Coefficients[j], 1e-8);
        // The unweighted fit of the same rows is a different model: the weights are not ignored.
        var unweighted = PenalisedLogisticRegression.Fit(data, 2);
        Assert.True(Enumerable.Range(0, unweighted.Coefficients.Count).Max(j => Math.Abs(unweighted.Coefficients[j] - weighted.Coefficients[j])) > 1e-3);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void ElasticNetAndLassoIntegerWeightsFitAsDuplicatedRows(double l1Ratio)
    {
        var data = SyntheticCohort.Generate(300, seed: 29, missingRate: 0.15);
        var counts = WeightedRows.Counts(data.RowCount, seed: 30);
        var weighted = PenalisedLogisticRegression.Fit(data, 6, l1Ratio, [.. counts.Select(c => (double)c)]);
        var repeated = PenalisedLogisticRegression.Fit(WeightedRows.Repeated(data, counts), 6, l1Ratio);
        for (int j = 0; j < weighted.Coefficients.Count; j++) Assert.Equal(repeated.Coefficients[j], weighted.Coefficients[j], 1e-7);
        Assert.Contains(0.0, weighted.Coefficients);
        var unweighted = PenalisedLogisticRegression.Fit(data, 6, l1Ratio);
        Assert.True(Enumerable.Range(0, unweighted.Coefficients.Count).Max(j => Math.Abs(unweighted.Coefficients[j] - weighted.Coefficients[j])) > 1e-3);
    }

    [Fact]
    public void AWarmStartReachesTheColdStartsSolution()
    {
        var data = SyntheticCohort.Generate(250, seed: 32, missingRate: 0.1);
        var design = LogisticDesign.Fit(data);
        var x = design.Transform(data);
        var cold = ElasticNetLogisticSolver.Fit(x, design.Width, data.Labels, 3, 1);
        var warm = ElasticNetLogisticSolver.Fit(x, design.Width, data.Labels, 3, 1, start: ElasticNetLogisticSolver.Fit(x, design.Width, data.Labels, 30, 1));
        for (int j = 0; j < cold.Length; j++) Assert.Equal(cold[j], warm[j], 1e-8);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    public void WeightedPenaltyChoiceIsTheDuplicatedRowsChoice(int seed)
    {
        // Small sets and uneven weights, where the penalty choice is sensitive to how held-out rows are counted.
        var data = SyntheticCohort.Generate(100, seed, missingRate: 0.1);
        var counts = WeightedRows.Counts(data.RowCount, seed + 100, largest: 6);
        var folds = StratifiedKFold.Split(data.Labels, 4, 25);
        var repeatedFolds = folds.Select(f => WeightedRows.MapFold(f, counts)).ToArray();
        double weighted = PenalisedLogisticRegression.ChoosePenalty(data, folds, weights: [.. counts.Select(c => (double)c)]);
        double repeated = PenalisedLogisticRegression.ChoosePenalty(WeightedRows.Repeated(data, counts), repeatedFolds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: weighted {weighted}, repeated {repeated}, unweighted {PenalisedLogisticRegression.ChoosePenalty(data, folds)}"));
        Assert.Equal(repeated, weighted);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.05)]
    public void MatchesSklearnWithSampleWeights(double c)
    {
        var random = new Random(31);
        int n = 200;
        var a = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 300)).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 10, 2)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => random.NextDouble() < 1 / (1 + Math.Exp(-(0.01 * (a[i] - 150) - 0.3 * (b[i] - 5)))) ? 1.0 : 0.0).ToArray();
        // Non-integer weights, heavier on positives, as a positive-class weight on top of row weights makes them.
        var w = y.Select(label => Math.Round(0.2 + random.NextDouble() * 2.8, 3) * (label == 1 ? 2.5 : 1)).ToArray();
        var data = new TrainingSet([new FeatureColumn("a", a), new FeatureColumn("b", b)], y);
        var model = PenalisedLogisticRegression.Fit(data, 1 / c, weights: w);

        var expected = SklearnLogistic.Fit(data, c, w).All;
        Assert.Equal(expected.Count, model.Coefficients.Count);
        double error = expected.Select((e, j) => Math.Abs(e - model.Coefficients[j])).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C = {c}: largest coefficient difference from sklearn {error:E2}"));
        Assert.True(error < 1e-5, $"largest coefficient difference {error}");
        // The unweighted fit is far from sklearn's weighted one, so the comparison can tell weights apart.
        var unweighted = PenalisedLogisticRegression.Fit(data, 1 / c);
        Assert.True(expected.Select((e, j) => Math.Abs(e - unweighted.Coefficients[j])).Max() > 1e-3);
    }

    [Fact]
    public void WeightsOfOneAreBitIdenticalToNoWeights()
    {
        var data = SyntheticCohort.Generate(200, seed: 26, missingRate: 0.15);
        var ones = Enumerable.Repeat(1.0, data.RowCount).ToArray();
        var folds = StratifiedKFold.Split(data.Labels, 5, 27);
        Assert.Equal(PenalisedLogisticRegression.Fit(data, 0.5).Coefficients, PenalisedLogisticRegression.Fit(data, 0.5, weights: ones).Coefficients);
        Assert.Equal(PenalisedLogisticRegression.ChoosePenalty(data, folds), PenalisedLogisticRegression.ChoosePenalty(data, folds, weights: ones));
    }

    [Fact]
    public void WeightedMedianCountsEachValueByItsWeight()
    {
        // Hand-computed: total 8, half 4, first passed at 10.
        Assert.Equal(10, WeightedMedian.OfPresent([1, 2, 3, 10], [1, 1, 1, 5]));
        // Cumulative weight lands on half exactly after 1: the midpoint of 1 and 2.
        Assert.Equal(1.5, WeightedMedian.OfPresent([2, 1, 3], [1, 2, 1]));
        // Missing values and zero weights do not count; all ones is the ordinary median.
        Assert.Equal(3, WeightedMedian.OfPresent([double.NaN, 100, 3, 1, 5], [9, 0, 1, 1, 1]));
        Assert.Equal(2.5, WeightedMedian.OfPresent([4, 1, 3, 2], null));
        Assert.Null(WeightedMedian.OfPresent([double.NaN, 7], [1, 0]));
    }

    [Fact]
    public void BadWeightsAreRefused()
    {
        var data = SyntheticCohort.Generate(50, seed: 28);
        Assert.Contains("3 weights for 50 rows", Assert.Throws<ArgumentException>(() => PenalisedLogisticRegression.Fit(data, 1, weights: [1, 2, 3])).Message, StringComparison.Ordinal);
        Assert.Contains("sum to zero", Assert.Throws<ArgumentException>(() => PenalisedLogisticRegression.Fit(data, 1, weights: new double[50])).Message, StringComparison.Ordinal);
    }
}
