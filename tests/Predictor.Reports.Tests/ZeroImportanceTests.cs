using Predictor.Reports.Training;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Xunit;

namespace Predictor.Reports.Tests;

public sealed class ZeroImportanceTests
{
    // Six patients: 'split' is used by the one tree, 'linear' by a linear term, 'unused' by neither, 'constant' was
    // left out before training (it is not among the model's features), 'empty' likewise (missing in every row).
    private static readonly TrainingSet Data = new(
    [
        new FeatureColumn("split", [1, 2, 3, 4, 5, 6]),
        new FeatureColumn("linear", [0.5, 1.5, 0.2, 2.5, 1.0, 3.0]),
        new FeatureColumn("unused", [9, 8, 7, 6, 5, 4]),
        new FeatureColumn("constant", [2, 2, 2, 2, 2, 2]),
        new FeatureColumn("empty", [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]),
    ], [0, 0, 1, 0, 1, 1]);

    private static TreeEnsemble Model(bool withTree) => new(
        [new ModelFeature("split", FeatureKind.Numeric), new ModelFeature("linear", FeatureKind.Numeric), new ModelFeature("unused", FeatureKind.Numeric)],
        withTree ? [new RegressionTree([0], [3.5], [true], [-1], [-2], [null], [-0.4, 0.4], [6], [3, 3])] : [],
        0.1,
        new LinearMargin([LinearTerm.Numeric(1, 0.8, 1.2, 0.8 * 1.45)]));

    private static IReadOnlyList<UnusedFeature> Find(TreeEnsemble model, GbdtOptions settings) =>
        ZeroImportance.Find(Data, model, settings, ShapValues.Compute(model, Data));

    [Fact]
    public void LassoDropsAndUnsplitFeaturesAndAuditedOnesAreListedWithTheirReason()
    {
        var unused = Find(Model(withTree: true), new GbdtOptions { LinearStartPenalty = 1, LinearStartL1Ratio = 1 });
        Assert.Equal(
        [
            new UnusedFeature("constant", "left out before training: the same value in every patient"),
            new UnusedFeature("empty", "left out before training: missing in every patient"),
            new UnusedFeature("unused", "dropped by the lasso (coefficient exactly 0); never split on by any tree"),
        ], unused);
    }

    [Fact]
    public void ReasonFollowsTheModelKind()
    {
        // A ridge start keeps every coefficient, so a missing term is not "dropped by the lasso".
        Assert.Equal("no linear term; never split on by any tree",
            Find(Model(withTree: true), new GbdtOptions { LinearStartPenalty = 1 }).Single(u => u.Name == "unused").Reason);
        // The regression alone: no trees at all; 'split' has then no effect either.
        var alone = Find(Model(withTree: false), new GbdtOptions { LinearStartPenalty = 1, LinearStartL1Ratio = 1 });
        Assert.Equal("dropped by the lasso (coefficient exactly 0); the model has no trees", alone.Single(u => u.Name == "split").Reason);
        Assert.DoesNotContain(alone, u => u.Name == "linear");
        // Trees from the base rate.
        var trees = new TreeEnsemble(Model(true).Features, Model(true).Trees, 0.1);
        Assert.Equal(["constant", "empty", "linear", "unused"], Find(trees, new GbdtOptions()).Select(u => u.Name));
        Assert.Equal("never split on by any tree (no linear start)", Find(trees, new GbdtOptions()).Single(u => u.Name == "unused").Reason);
    }
}
