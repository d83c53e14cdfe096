using Predictor.Training.Baselines;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Tests.Support;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Baselines;

/// <summary>Choosing ridge or lasso with the penalty, and boosting from a lasso.</summary>
public sealed class LassoStartTests
{
    [Fact]
    public void TheJointChoiceIsTheLowestLossOfEachRatiosOwnPath()
    {
        var data = NoisyCohort.Generate(160, seed: 41);
        var folds = StratifiedKFold.Split(data.Labels, 5, 42);
        var path = PenalisedLogisticRegression.CrossValidate(data, folds, [0, 1]);
        // Each ratio's row of the joint path is the path that ratio gets alone.
        Assert.Equal(PenalisedLogisticRegression.ChoosePenalty(data, folds), path.Best(0).Penalty);
        Assert.Equal(PenalisedLogisticRegression.ChoosePenalty(data, folds, 1), path.Best(1).Penalty);
        var best = path.Best();
        double Loss(Regularisation r) => path.Loss(path.L1Ratios.ToList().IndexOf(r.L1Ratio), path.Penalties.ToList().IndexOf(r.Penalty));
        Assert.Equal(Math.Min(Loss(path.Best(0)), Loss(path.Best(1))), Loss(best));
        for (int m = 0; m < 2; m++)
        {
            for (int i = 0; i < path.Penalties.Count; i++) Assert.True(path.Loss(m, i) >= Loss(best));
        }
        Assert.Contains("no L1 ratio 0.5", Assert.Throws<ArgumentException>(() => path.Best(0.5)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithManyNoiseMarkersAndFewPatientsTheLassoIsChosenAndPredictsBetter()
    {
        double ridgeLoss = 0, chosenLoss = 0;
        int lassoChosen = 0;
        for (int seed = 0; seed < 4; seed++)
        {
            var train = NoisyCohort.Generate(150, 50 + seed);
            var test = NoisyCohort.Generate(2000, 60 + seed);
            var folds = StratifiedKFold.Split(train.Labels, 5, 7);
            var path = PenalisedLogisticRegression.CrossValidate(train, folds, PenalisedLogisticRegression.L1RatioGrid);
            var chosen = path.Best();
            if (chosen.L1Ratio == 1) lassoChosen++;
            ridgeLoss += Predictor.Training.Evaluation.LogLossMetric.Sum(PenalisedLogisticRegression.Fit(train, path.Best(0).Penalty).Predict(test), test.Labels);
            chosenLoss += Predictor.Training.Evaluation.LogLossMetric.Sum(PenalisedLogisticRegression.Fit(train, chosen.Penalty, chosen.L1Ratio).Predict(test), test.Labels);
        }
        Assert.True(lassoChosen >= 3, $"the lasso was chosen on {lassoChosen} of 4 cohorts");
        Assert.True(chosenLoss < ridgeLoss, $"held-out log-loss: chosen {chosenLoss}, ridge {ridgeLoss}");
    }

    [Fact]
    public void ALassoStartLeavesTheDroppedMarkersOutAndScoresAsTheRegression()
    {
        var train = NoisyCohort.Generate(300, seed: 44);
        var other = NoisyCohort.Generate(200, seed: 45);
        const double Penalty = 8;
        var options = GbdtPresets.Default with { LinearStartPenalty = Penalty, LinearStartL1Ratio = 1, Threads = 1, Trees = 0 };
        var model = BoostingTrainer.Train(train, options).Model;
        var lasso = PenalisedLogisticRegression.Fit(train, Penalty, 1);

        // Every feature with a non-zero design coefficient has a term; the rest are not in the margin at all.
        // Design columns are named "feature", "feature missing" or "feature=level".
        var kept = lasso.Design.ColumnNames.Where((c, j) => lasso.Coefficients[j + 1] != 0)
            .Select(c => c.Split('=')[0].Replace(" missing", "", StringComparison.Ordinal)).Distinct().ToList();
        Assert.InRange(kept.Count, 1, train.FeatureCount - 5);
        Assert.Equal(kept.Order(StringComparer.Ordinal), model.Linear!.Terms.Select(t => train.Features[t.Feature].Name).Order(StringComparer.Ordinal));
        foreach (var data in new[] { train, other })
        {
            var expected = lasso.Predict(data);
            var actual = SyntheticCohort.Predict(model, data);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void TheLinearStartsL1RatioIsValidated()
    {
        var options = GbdtPresets.Default with { LinearStartPenalty = 1, LinearStartL1Ratio = 1.5 };
        Assert.Contains("L1 ratio must be in [0, 1]", Assert.Throws<ArgumentException>(() => options.Validate()).Message, StringComparison.Ordinal);
    }
}
