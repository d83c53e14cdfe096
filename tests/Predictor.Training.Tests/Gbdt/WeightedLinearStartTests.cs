using Predictor.Scoring.Explanations;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Tests.Support;
using Xunit;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>The linear start fitted with the booster's effective weights (row weight × positive-class weight).</summary>
public sealed class WeightedLinearStartTests
{
    private static readonly GbdtOptions Linear = GbdtPresets.Default with { LinearStartPenalty = 1, Threads = 1, Trees = 0 };

    [Fact]
    public void RowWeightsGiveTheLinearStartOfDuplicatedRows()
    {
        var data = SyntheticCohort.Generate(300, seed: 41, missingRate: 0.15);
        var counts = WeightedRows.Counts(data.RowCount, seed: 42);
        var weighted = BoostingTrainer.Train(WeightedRows.WithWeights(data, counts.Select(c => (double)c)), Linear).Model;
        var repeated = BoostingTrainer.Train(WeightedRows.Repeated(data, counts), Linear).Model;
        AssertSameStart(repeated, weighted);
        // Not the unweighted start: the comparison can tell.
        var unweighted = BoostingTrainer.Train(data, Linear).Model;
        Assert.True(Math.Abs(unweighted.BaseScore - weighted.BaseScore) > 1e-3 || Math.Abs(unweighted.Linear!.Terms[0].Slope - weighted.Linear!.Terms[0].Slope) > 1e-6);
    }

    [Fact]
    public void PositiveClassWeightIsThePositivesRepeated()
    {
        var data = SyntheticCohort.Generate(300, seed: 43, missingRate: 0.15);
        var counts = data.Labels.Select(y => y == 1 ? 3 : 1).ToArray();
        var weighted = BoostingTrainer.Train(data, Linear with { PositiveClassWeight = 3 }).Model;
        var repeated = BoostingTrainer.Train(WeightedRows.Repeated(data, counts), Linear).Model;
        AssertSameStart(repeated, weighted);
    }

    [Fact]
    public void TermMeansAreTheWeightedTrainingAverageAndExplanationsStayAdditive()
    {
        var random = new Random(44);
        var data = SyntheticCohort.Generate(400, seed: 45, missingRate: 0.1);
        var train = WeightedRows.WithWeights(data, Enumerable.Range(0, data.RowCount).Select(_ => 0.1 + random.NextDouble() * 4));
        var options = Linear with { PositiveClassWeight = 2 };
        var linearOnly = BoostingTrainer.Train(train, options).Model;
        var weights = EffectiveWeights.For(train, 2)!;
        double weightedMean = Enumerable.Range(0, train.RowCount).Sum(i => weights[i] * linearOnly.PredictRaw(train.Row(i))) / weights.Sum();
        Assert.Equal(weightedMean, TreeShap.ExpectedValue(linearOnly), 10);

        // Trees on the weighted start: covers are weighted hessian sums, and the contributions still add up.
        var boosted = BoostingTrainer.Train(train, options with { Trees = 30, Leaves = 6, LearningRate = 0.1 }).Model;
        Assert.NotNull(boosted.Linear);
        Assert.Equal(30, boosted.Trees.Count);
        var contributions = new double[train.FeatureCount];
        for (int i = 0; i < 50; i++)
        {
            var row = train.Row(i);
            TreeShap.Contributions(boosted, row, contributions);
            Assert.Equal(boosted.PredictRaw(row), TreeShap.ExpectedValue(boosted) + contributions.Sum(), 10);
        }
    }

    [Fact]
    public void WeightsOfOneTrainTheSameModelBitForBit()
    {
        var data = SyntheticCohort.Generate(300, seed: 46, missingRate: 0.15);
        var options = Linear with { Trees = 20, Leaves = 4 };
        var plain = ModelJson.ToJson(BoostingTrainer.Train(data, options).Model);
        var ones = ModelJson.ToJson(BoostingTrainer.Train(WeightedRows.WithWeights(data, Enumerable.Repeat(1.0, data.RowCount)), options).Model);
        Assert.Equal(plain, ones);
    }

    private static void AssertSameStart(TreeEnsemble expected, TreeEnsemble actual)
    {
        Assert.Empty(actual.Trees);
        Assert.Equal(expected.BaseScore, actual.BaseScore, 1e-8);
        var expectedTerms = expected.Linear!.Terms;
        var actualTerms = actual.Linear!.Terms;
        Assert.Equal(expectedTerms.Count, actualTerms.Count);
        for (int t = 0; t < expectedTerms.Count; t++)
        {
            LinearTerm e = expectedTerms[t], a = actualTerms[t];
            Assert.Equal(e.Feature, a.Feature);
            Assert.Equal(e.IsCategorical, a.IsCategorical);
            Assert.Equal(e.Slope, a.Slope, 1e-8);
            Assert.Equal(e.MissingValue, a.MissingValue, 1e-8);
            Assert.Equal(e.MeanContribution, a.MeanContribution, 1e-8);
            Assert.Equal(e.LevelValues.Count, a.LevelValues.Count);
            for (int l = 0; l < e.LevelValues.Count; l++) Assert.Equal(e.LevelValues[l], a.LevelValues[l], 1e-8);
        }
    }
}
