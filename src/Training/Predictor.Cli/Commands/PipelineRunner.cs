using System.CommandLine;
using System.Globalization;
using Predictor.Data.Errors;
using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;
using Predictor.Training.Validation;

namespace Predictor.Cli.Commands;

/// <summary>Glue between the verbs and the training pipeline: fitting functions and the sample-size check.</summary>
internal static class PipelineRunner
{
    /// <summary>The whole pipeline as a learner: fit on a set, return a function that predicts calibrated probabilities.</summary>
    public static LearnerFit Learner(PipelineOptions options) =>
        (train, threads) => ClinicalPipeline.Fit(train, options with { Threads = threads }).Model.PredictProbabilities;

    /// <summary>Ridge (or elastic-net) logistic regression with its penalty tuned by inner stratified CV, as a learner.</summary>
    public static LearnerFit LogisticLearner(int folds, ulong seed, double l1Ratio = 0) => (train, _) =>
    {
        int positives = train.Labels.Count(y => y == 1);
        int inner = Math.Min(folds, Math.Min(positives, train.RowCount - positives));
        var model = inner >= 2
            ? PenalisedLogisticRegression.FitTuned(train, StratifiedKFold.Split(train.Labels, inner, seed), l1Ratio)
            : PenalisedLogisticRegression.Fit(train, 1, l1Ratio);
        return model.Predict;
    };

    /// <summary><c>--linear-start</c>, spelt the same by every verb that runs the default pipeline.</summary>
    public static Option<bool> LinearStartOption() => new("--linear-start")
    {
        Description = "Let tuning also boost from a penalised logistic regression (ridge, elastic net or lasso, chosen by cross-validation; kept only when cross-validation prefers it): true (default) or false for trees from the base rate only.",
        DefaultValueFactory = _ => true,
    };

    /// <summary><c>--baseline-l1-ratio</c>, spelt the same by every verb that fits the logistic comparator.</summary>
    public static Option<double> BaselineL1RatioOption() => new("--baseline-l1-ratio")
    {
        Description = "L1 share of the logistic comparator's penalty: 0 = ridge (default), up to 1 = lasso; between, an elastic net.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>The option's value, checked.</summary>
    public static double BaselineL1Ratio(ParseResult parse, Option<double> option)
    {
        double value = parse.GetValue(option);
        return value is >= 0 and <= 1 ? value
            : throw new PredictorInputException($"--baseline-l1-ratio must be in [0, 1] (got {value.ToString(CultureInfo.InvariantCulture)}).");
    }

    /// <summary>
    /// Riley et al. minimum size with the candidate parameters counted as the logistic design counts them (one per
    /// numeric feature, one per level of a categorical one) and R² anticipated from the cross-validated C-statistic
    /// (or C = 0.7 when that is not above 0.5).
    /// </summary>
    public static SampleSizeRequirement SampleSize(TrainingSet data, double crossValidatedAuc)
    {
        int parameters = data.Features.Sum(f => f.Kind == FeatureKind.Categorical ? Math.Max(1, f.Levels.Count - 1) : 1);
        double prevalence = data.Labels.Average();
        double c = crossValidatedAuc is > 0.5 and < 0.999 ? crossValidatedAuc : 0.7;
        return SampleSizeRequirement.Compute(parameters, prevalence, CoxSnellFromCStatistic.Compute(c, prevalence));
    }
}
