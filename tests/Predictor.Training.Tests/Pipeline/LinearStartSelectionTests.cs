using Predictor.Scoring.Explanations;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Pipeline;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Pipeline;

/// <summary>Cross-validation decides between trees, trees on a linear start, and the linear start alone.</summary>
public sealed class LinearStartSelectionTests
{
    private static readonly PipelineOptions Options = new() { Threads = 2, Seed = 3 };

    [Fact]
    public void AStraightLineRiskKeepsTheLinearStartAndMatchesTheRidgeRegression()
    {
        var train = Draw(800, seed: 1, interaction: 0);
        var test = Draw(4000, seed: 2, interaction: 0);
        var result = ClinicalPipeline.Fit(train, Options);
        var ensemble = result.Model.Ensemble;
        Assert.NotNull(ensemble.Linear);
        Assert.Equal(result.Model.Settings.Trees, ensemble.Trees.Count);
        Assert.Contains(result.Tuning.Candidates, c => c.Options.LinearStartPenalty is not null && c.Options.Trees == 0);
        // Whatever trees were kept, the held-out ranking is at least the comparator's, within noise.
        double auc = RocAuc.Compute(result.Model.PredictProbabilities(test), test.Labels);
        double ridge = RocAuc.Compute(result.Model.PredictBaseline(test), test.Labels);
        Assert.True(auc > ridge - 0.005, $"pipeline {auc}, ridge {ridge}");
    }

    [Fact]
    public void AnInteractionNoLineCanCarryGetsTrees()
    {
        var train = Draw(2000, seed: 3, interaction: 3);
        var test = Draw(4000, seed: 4, interaction: 3);
        var result = ClinicalPipeline.Fit(train, Options);
        Assert.NotEmpty(result.Model.Ensemble.Trees);
        double auc = RocAuc.Compute(result.Model.PredictProbabilities(test), test.Labels);
        double ridge = RocAuc.Compute(result.Model.PredictBaseline(test), test.Labels);
        Assert.True(auc > ridge + 0.02, $"pipeline {auc}, ridge {ridge}");
    }

    [Fact]
    public void SwitchingTheLinearStartOffGivesTreesFromTheBaseRate()
    {
        var train = Draw(300, seed: 5, interaction: 0);
        var result = ClinicalPipeline.Fit(train, Options with { LinearStart = false });
        Assert.Null(result.Model.Ensemble.Linear);
        Assert.All(result.Tuning.Candidates, c => Assert.Null(c.Options.LinearStartPenalty));
        Assert.NotEmpty(result.Model.Ensemble.Trees);
    }

    [Fact]
    public void WeightedDataKeepTheLinearStartAndItsExplanationsAddUp()
    {
        var random = new Random(6);
        var data = Draw(500, seed: 7, interaction: 0);
        var train = new TrainingSet(data.Features, data.Labels, [.. Enumerable.Range(0, data.RowCount).Select(_ => (double)random.Next(5))]);
        var result = ClinicalPipeline.Fit(train, Options with { Start = Options.Start with { PositiveClassWeight = 1.5 } });
        Assert.Contains(result.Tuning.Candidates, c => c.Options.LinearStartPenalty is not null);
        var ensemble = result.Model.Ensemble;
        Assert.NotNull(ensemble.Linear);
        Assert.Equal(1.5, result.Model.Settings.PositiveClassWeight);
        // The start's penalty and L1 ratio are the ones the weighted fold loss chooses, not the unweighted ones.
        var folds = StratifiedKFold.Split(train.Labels, Options.Folds, Options.Seed);
        var grid = PenalisedLogisticRegression.L1RatioGrid;
        var weighted = PenalisedLogisticRegression.CrossValidate(train, folds, grid, EffectiveWeights.For(train, 1.5)).Best();
        Assert.Equal(weighted, result.Model.Settings.LinearStartRegularisation());
        Assert.NotEqual(PenalisedLogisticRegression.CrossValidate(train, folds, grid).Best(), weighted);
        var contributions = new double[train.FeatureCount];
        for (int i = 0; i < 40; i++)
        {
            var row = train.Row(i);
            TreeShap.Contributions(ensemble, row, contributions);
            Assert.Equal(ensemble.PredictRaw(row), TreeShap.ExpectedValue(ensemble) + contributions.Sum(), 10);
        }
    }

    /// <summary>Log-odds linear in x1 and x2, plus <paramref name="interaction"/> when x3 and x4 are both high; x5 is noise.</summary>
    private static TrainingSet Draw(int rows, int seed, double interaction)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, 5).Select(_ => new double[rows]).ToArray();
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < 5; f++) x[f][i] = random.NextDouble() * 2 - 1;
            double logit = 1.2 * x[0][i] - 0.8 * x[1][i] + (x[2][i] > 0.3 && x[3][i] > 0.3 ? interaction : 0) - 0.2;
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return new TrainingSet([.. x.Select((values, f) => new FeatureColumn($"x{f + 1}", values))], y);
    }
}
