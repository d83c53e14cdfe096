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

    [Fact]
    public void A_candidate_limit_scores_the_first_candidates_exactly_as_the_full_search_does()
    {
        var data = Support.SyntheticCohort.Generate(300, 21);
        var folds = Training.Validation.StratifiedKFold.Split(data.Labels, 3, 2);
        var grid = TuningGrid.For(data.RowCount, Training.Gbdt.GbdtPresets.Default with { Threads = 1 });
        var full = GbdtTuner.Tune(data, folds, grid);
        var limited = GbdtTuner.Tune(data, folds, grid, search: new TuningSearch { CandidateLimit = 2 });
        Assert.Equal((grid.Count, grid.Count, false), (full.GridSize, full.Evaluated, full.Cut));
        Assert.Equal((grid.Count, 2, true), (limited.GridSize, limited.Evaluated, limited.Cut));
        Assert.Equal(full.Candidates.Take(2).Select(c => (c.BestTrees, c.MeanLogLoss)), limited.Candidates.Select(c => (c.BestTrees, c.MeanLogLoss)));
        var best = limited.Candidates.MinBy(c => c.MeanLogLoss)!;
        Assert.Equal((best.Options.Leaves, best.BestTrees), (limited.Best.Leaves, limited.Best.Trees));
        Assert.Null(limited.ValidationRows);
    }

    [Fact]
    public void A_validation_set_replaces_the_folds()
    {
        var data = Support.SyntheticCohort.Generate(300, 21);
        var validation = Support.SyntheticCohort.Generate(200, 22);
        var folds = Training.Validation.StratifiedKFold.Split(data.Labels, 3, 2);
        var grid = TuningGrid.For(data.RowCount, Training.Gbdt.GbdtPresets.Default with { Threads = 1 });
        var result = GbdtTuner.Tune(data, folds, grid, search: new TuningSearch { Validation = validation });
        Assert.Equal(200, result.ValidationRows);
        // One "fold": each candidate's score is the loss of one fit on all rows, early-stopped on the validation set.
        Assert.All(result.Candidates, c => Assert.Single(c.FoldLogLoss));
        var first = Training.Gbdt.Boosting.BoostingTrainer.Train(data, grid[0] with { EarlyStoppingRounds = TuningGrid.EarlyStoppingPatience }, validation);
        Assert.Equal(first.ValidationLoss.Min(), result.Candidates[0].MeanLogLoss, 12);
        Assert.Equal(first.BestTreeCount, result.Candidates[0].BestTrees);
    }
}
