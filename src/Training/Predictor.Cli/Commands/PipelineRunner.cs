using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.Gbdt.Data;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;

namespace Predictor.Cli.Commands;

/// <summary>Glue between the verbs and the training pipeline: fitting functions and the sample-size check.</summary>
internal static class PipelineRunner
{
    /// <summary>The whole pipeline as a learner: fit on a set, return a function that predicts calibrated probabilities.</summary>
    public static Func<TrainingSet, Func<TrainingSet, double[]>> Learner(PipelineOptions options) =>
        train => ClinicalPipeline.Fit(train, options).Model.PredictProbabilities;

    /// <summary>Ridge logistic regression with its penalty tuned by inner stratified CV, as a learner.</summary>
    public static Func<TrainingSet, Func<TrainingSet, double[]>> LogisticLearner(int folds, ulong seed) => train =>
    {
        int positives = train.Labels.Count(y => y == 1);
        int inner = Math.Min(folds, Math.Min(positives, train.RowCount - positives));
        var model = inner >= 2
            ? PenalisedLogisticRegression.FitTuned(train, Training.Validation.StratifiedKFold.Split(train.Labels, inner, seed))
            : PenalisedLogisticRegression.Fit(train, 1);
        return model.Predict;
    };

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
