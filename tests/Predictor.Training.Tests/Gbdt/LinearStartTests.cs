using Predictor.Scoring.Explanations;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Tests.Support;
using Xunit;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>Boosting from a ridge logistic regression kept in the model as its linear margin.</summary>
public sealed class LinearStartTests
{
    private static readonly GbdtOptions Linear = GbdtPresets.Default with { LinearStartPenalty = 1, Threads = 1, Trees = 0 };

    [Fact]
    public void WithNoTreesTheModelIsTheRidgeRegressionItFolded()
    {
        // Numeric features with missing values, a categorical with missing values: every design role is folded.
        var train = SyntheticCohort.Generate(600, seed: 3, missingRate: 0.15);
        var other = SyntheticCohort.Generate(300, seed: 4, missingRate: 0.15);
        var model = BoostingTrainer.Train(train, Linear).Model;
        var ridge = PenalisedLogisticRegression.Fit(train, 1);

        Assert.Empty(model.Trees);
        Assert.NotNull(model.Linear);
        Assert.Equal(train.FeatureCount, model.Linear!.Terms.Count);
        // The design path (impute, indicators, one-hot, standardise, dot product) is a different computation.
        foreach (var data in new[] { train, other })
        {
            var expected = ridge.Predict(data);
            var actual = SyntheticCohort.Predict(model, data);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void TermMeansAreTheTrainingAverageSoExplanationsAreCentredOnTheCohort()
    {
        var train = SyntheticCohort.Generate(400, seed: 5);
        var model = BoostingTrainer.Train(train, Linear).Model;
        double meanRaw = Enumerable.Range(0, train.RowCount).Average(i => model.PredictRaw(train.Row(i)));
        Assert.Equal(meanRaw, TreeShap.ExpectedValue(model), 10);
        var contributions = new double[train.FeatureCount];
        var row = train.Row(7);
        TreeShap.Contributions(model, row, contributions);
        Assert.Equal(model.PredictRaw(row), TreeShap.ExpectedValue(model) + contributions.Sum(), 10);
    }

    [Fact]
    public void TreesFitWhatTheStraightLinesLeaveAndTheFileKeepsBoth()
    {
        // A straight-line risk plus a threshold interaction no straight line can carry.
        var random = new Random(6);
        TrainingSet Draw(int n)
        {
            var a = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            var c = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            var y = Enumerable.Range(0, n).Select(i => random.NextDouble() < 1 / (1 + Math.Exp(-(2 * a[i] - 1.5 + (b[i] > 0.5 && c[i] > 0.5 ? 2.5 : 0)))) ? 1.0 : 0.0).ToArray();
            return new TrainingSet([new FeatureColumn("a", a), new FeatureColumn("b", b), new FeatureColumn("c", c)], y);
        }
        var train = Draw(3000);
        var test = Draw(3000);
        var linearOnly = BoostingTrainer.Train(train, Linear).Model;
        var boosted = BoostingTrainer.Train(train, Linear with { Trees = 60, Leaves = 4, LearningRate = 0.1 }).Model;
        Assert.Equal(60, boosted.Trees.Count);
        double withTrees = LogLoss(boosted, test), without = LogLoss(linearOnly, test);
        Assert.True(withTrees < without, $"Trees on the linear start should lower the held-out loss: {withTrees} with, {without} without.");

        var reread = ModelJson.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ModelJson.ToJson(boosted))));
        for (int i = 0; i < 200; i++) Assert.Equal(boosted.PredictRaw(test.Row(i)), reread.PredictRaw(test.Row(i)));
        Assert.Contains("\"formatVersion\": 3", ModelJson.ToJson(boosted), StringComparison.Ordinal);
        Assert.Contains("\"formatVersion\": 2", ModelJson.ToJson(BoostingTrainer.Train(train, GbdtPresets.Default with { Threads = 1, Trees = 5 }).Model), StringComparison.Ordinal);
    }

    [Fact]
    public void EarlyStoppingMayKeepTheLinearStartAlone()
    {
        // Labels drawn from a logistic model that is exactly linear in the one feature: no tree can help on new rows.
        var random = new Random(8);
        TrainingSet Draw(int n)
        {
            var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            var y = x.Select(v => random.NextDouble() < 1 / (1 + Math.Exp(-1.5 * v)) ? 1.0 : 0.0).ToArray();
            return new TrainingSet([new FeatureColumn("x", x)], y);
        }
        var train = Draw(400);
        var validation = Draw(400);
        // A learning rate of 1 and deep leaves overfit from the first tree.
        var options = Linear with { Trees = 50, Leaves = 16, LearningRate = 1, MinRowsPerLeaf = 2, EarlyStoppingRounds = 10 };
        var result = BoostingTrainer.Train(train, options, validation);
        Assert.NotNull(result.StartLoss);
        Assert.Equal(0, result.BestTreeCount);
        Assert.Empty(result.Model.Trees);
        Assert.True(result.ValidationLoss[0] > result.StartLoss);
    }

    [Fact]
    public void StartScoresDuringTrainingEqualTheScoringLibrarysStartScore()
    {
        // Training boosts from the start scores it computes itself; they must be the ones the shipped model computes,
        // or the trees correct a start the model never uses. One tree with zero learning... is not allowed, so compare
        // a one-tree model's raw score minus its tree against StartScore.
        var train = SyntheticCohort.Generate(500, seed: 9);
        var model = BoostingTrainer.Train(train, Linear with { Trees = 1 }).Model;
        var ridge = PenalisedLogisticRegression.Fit(train, 1).Predict(train);
        for (int i = 0; i < train.RowCount; i++)
        {
            var row = train.Row(i);
            double start = model.StartScore(row);
            Assert.Equal(model.PredictRaw(row), start + model.Trees[0].Evaluate(row));
            Assert.Equal(ridge[i], TreeEnsemble.Sigmoid(start), 12);
        }
    }

    [Fact]
    public void ZeroTreesNeedALinearStart()
    {
        var train = SyntheticCohort.Generate(100, seed: 10);
        var ex = Assert.Throws<ArgumentException>(() => BoostingTrainer.Train(train, GbdtPresets.Default with { Trees = 0 }));
        Assert.Contains("linear start", ex.Message, StringComparison.Ordinal);
    }

    private static double LogLoss(TreeEnsemble model, TrainingSet data)
    {
        double sum = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            double p = model.Predict(data.Row(i));
            sum -= data.Labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / data.RowCount;
    }
}
