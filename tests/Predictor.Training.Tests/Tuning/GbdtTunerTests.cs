using Predictor.Training.Tuning;
using Xunit;

namespace Predictor.Training.Tests.Tuning;

public sealed class GbdtTunerTests
{
    [Fact]
    public void BestRoundAveragesCurvesAndCarriesStoppedFoldsForward()
    {
        IReadOnlyList<double>[] curves = [[0.6, 0.5, 0.45, 0.47], [0.7, 0.6]];
        // Means per round: 0.65, 0.55, (0.45+0.6)/2 = 0.525, (0.47+0.6)/2 = 0.535.
        var (trees, loss) = GbdtTuner.BestRound(curves);
        Assert.Equal(3, trees);
        Assert.Equal(0.525, loss, 12);
    }

    [Fact]
    public void SmallCohortsGetShallowRegularisedCandidates()
    {
        var small = TuningGrid.For(38, Training.Gbdt.GbdtPresets.Default);
        Assert.All(small, o => Assert.InRange(o.MaxDepth, 1, 3));
        Assert.All(small, o => Assert.True(o.LearningRate <= 0.05));
        var large = TuningGrid.For(20000, Training.Gbdt.GbdtPresets.Default);
        Assert.True(large.Max(o => o.Leaves) > small.Max(o => o.Leaves));
    }

    [Fact]
    public void TuningPicksTheCandidateWithLowestHeldOutLoss()
    {
        var data = Support.SyntheticCohort.Generate(300, 21);
        var folds = Training.Validation.StratifiedKFold.Split(data.Labels, 3, 2);
        var result = GbdtTuner.Tune(data, folds, TuningGrid.For(data.RowCount, Training.Gbdt.GbdtPresets.Default with { Threads = 1 }));
        var best = result.Candidates.MinBy(c => c.MeanLogLoss)!;
        Assert.Equal(best.BestTrees, result.Best.Trees);
        Assert.Equal(best.Options.Leaves, result.Best.Leaves);
        Assert.True(best.MeanLogLoss < Math.Log(2));
    }
}
