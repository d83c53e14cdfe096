using Predictor.Data.Errors;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Pipeline;
using Predictor.Training.Tests.Support;
using Predictor.Training.Thresholds;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Pipeline;

public sealed class ClinicalPipelineTests
{
    private static readonly PipelineOptions Options = new() { Threads = 1, Seed = 5 };

    [Fact]
    public void FitsCalibratesAndBeatsChanceOnHeldOutData()
    {
        var train = SyntheticCohort.Generate(300, 31);
        var test = SyntheticCohort.Generate(1000, 32);
        var result = ClinicalPipeline.Fit(train, Options);
        var p = result.Model.PredictProbabilities(test);
        Assert.True(RocAuc.Compute(p, test.Labels) > 0.75);
        Assert.InRange(result.Model.Threshold, 0.01, 0.99);
        Assert.Equal(300, result.Rows);
        Assert.Equal(5, result.Folds);
        Assert.Empty(result.Warnings);
        // The comparator is fitted and scored the same way.
        Assert.True(RocAuc.Compute(result.Model.PredictBaseline(test), test.Labels) > 0.7);
        Assert.InRange(result.CrossValidated.Auc.Auc, 0.6, 0.95);
    }

    [Fact]
    public void MinimumSensitivityRuleIsHonouredOutOfFold()
    {
        var train = SyntheticCohort.Generate(200, 41);
        var result = ClinicalPipeline.Fit(train, Options with { Threshold = ThresholdRule.AtLeastSensitivity(0.9) });
        Assert.True(result.CrossValidated.AtThreshold.Sensitivity >= 0.9);
    }

    [Fact]
    public void OneClassLabelIsAPlainError()
    {
        var data = SyntheticCohort.Generate(40, 1);
        var oneClass = new TrainingSet(data.Features, new double[40]);
        var ex = Assert.Throws<PredictorInputException>(() => ClinicalPipeline.Fit(oneClass, Options));
        Assert.Contains("one class", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewRowsOfAClassIsAPlainError()
    {
        var data = SyntheticCohort.Generate(20, 1);
        var labels = new double[20];
        labels[3] = 1;
        var ex = Assert.Throws<PredictorInputException>(() => ClinicalPipeline.Fit(new TrainingSet(data.Features, labels), Options));
        Assert.Contains("Too few rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerRowsThanTheMinimumIsAPlainError()
    {
        var data = SyntheticCohort.Generate(8, 1);
        var labels = new double[] { 1, 0, 1, 0, 1, 0, 1, 0 };
        var ex = Assert.Throws<PredictorInputException>(() => ClinicalPipeline.Fit(new TrainingSet(data.Features, labels), Options));
        Assert.Contains("Too few rows: 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantAndEmptyFeaturesAreDroppedWithWarningsAndFoldsShrink()
    {
        var data = SyntheticCohort.Generate(60, 3);
        var labels = data.Labels.Select((_, i) => i < 4 ? 1.0 : 0.0).ToArray();
        var features = data.Features.Concat(
        [
            new FeatureColumn("constant", Enumerable.Repeat(1.0, 60).ToArray()),
            new FeatureColumn("empty", Enumerable.Repeat(double.NaN, 60).ToArray()),
        ]).ToList();
        var audited = DataAudit.Check(new TrainingSet(features, labels), 5);
        Assert.Equal(4, audited.Folds);
        Assert.Equal(data.FeatureCount, audited.Data.FeatureCount);
        Assert.Equal(3, audited.Warnings.Count);
        Assert.Contains(audited.Warnings, w => w.Contains("'constant'", StringComparison.Ordinal));
        Assert.Contains(audited.Warnings, w => w.Contains("'empty'", StringComparison.Ordinal));
    }

    [Fact]
    public void OptimismBootstrapRepeatsThePipeline()
    {
        var data = SyntheticCohort.Generate(80, 9);
        int fits = 0;
        var result = OptimismBootstrap.Run(data, train =>
        {
            fits++;
            var model = ClinicalPipeline.Fit(train, Options with { Folds = 3 }).Model;
            return model.PredictProbabilities;
        }, 3, 1);
        Assert.Equal(4, fits);
        Assert.Equal(3, result.Replicates + result.Skipped);
        var auc = result["auc"];
        Assert.Equal(auc.Apparent - auc.Optimism, auc.Corrected, 12);
        // A flexible pipeline looks better on its own bootstrap sample than on the original data.
        Assert.True(auc.Optimism > 0);
    }

    [Fact]
    public void RepeatedCrossValidationScoresEveryLearner()
    {
        var data = SyntheticCohort.Generate(150, 12);
        var scores = RepeatedCrossValidation.Run(data,
        [
            ("logistic", train => Training.Baselines.PenalisedLogisticRegression.Fit(train, 1).Predict),
        ], 5, 2, 3);
        var score = Assert.Single(scores);
        Assert.Equal(2, score.AucPerRepeat.Count);
        Assert.InRange(score.MeanAuc, 0.65, 0.95);
    }
}
