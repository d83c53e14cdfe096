using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.Calibration;
using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Progress;
using Predictor.Training.Thresholds;
using Predictor.Training.Tuning;
using Predictor.Training.Validation;

namespace Predictor.Training.Pipeline;

/// <summary>
/// The default training pipeline: audit the data; choose the ridge penalty by cross-validation; tune the GBDT by
/// stratified cross-validation with early stopping over a grid sized to the data, which includes boosting from that
/// ridge regression (a linear start); get out-of-fold predictions of the chosen settings; choose Platt or isotonic calibration by
/// cross-validation on them; choose the decision threshold by the stated rule on the calibrated out-of-fold
/// predictions; refit the ensemble on all rows; fit the ridge logistic comparator the same way. The many small fits
/// (tuning, folds) run side by side on <see cref="PipelineOptions.Threads"/> threads and are combined in a fixed order,
/// so the result is the same bit for bit whatever the thread count.
/// </summary>
public static class ClinicalPipeline
{
    public static PipelineResult Fit(TrainingSet data, PipelineOptions options, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var audited = DataAudit.Check(data, options.Folds);
        data = audited.Data;
        var folds = StratifiedKFold.Split(data.Labels, audited.Folds, options.Seed);
        var start = options.Start with { Seed = options.Seed, Threads = options.Threads };
        // Penalties are chosen once on the tuning folds: the linear start's λ and L1 ratio together, and from the same
        // ridge path the comparator's λ. The linear start is fitted with the booster's weights, so with weights its
        // penalty is chosen by the weighted fold loss; the comparator stays the unweighted ridge regression it always was.
        var weights = EffectiveWeights.For(data, start.PositiveClassWeight);
        var learner = options.Learner;
        bool linearStart = options.LinearStart && learner.SupportsLinearStart;
        var ratios = linearStart ? options.LinearStartL1Ratios : [];
        var path = PenalisedLogisticRegression.CrossValidate(data, folds, weights is null ? [0.0, .. ratios.Where(r => r != 0)] : [0.0]);
        double ridgePenalty = path.Best(0).Penalty;
        Regularisation? linearPenalty = !linearStart ? null
            : weights is null ? path.Best(ratios)
            : PenalisedLogisticRegression.CrossValidate(data, folds, ratios, weights).Best();
        // The validation set loses the features the audit left out of the training set, so the two line up.
        var search = options.Search.Validation is { } validation
            ? options.Search with { Validation = FeatureSubset.Keep(validation, data.Features.Select(f => f.Name)) }
            : options.Search;
        var tuning = learner.Tune(data, folds, start, linearPenalty, search, progress);

        var (outOfFold, baselineOutOfFold, ensemble, baseline) = Refits(data, folds, tuning, options, audited.Folds, ridgePenalty, progress);
        var calibration = CalibratorSelection.Choose(outOfFold, data.Labels, folds);
        var calibratedOutOfFold = CrossFittedCalibration(outOfFold, data.Labels, folds, calibration.Calibrator.Method);
        double threshold = ThresholdSelector.Choose(calibratedOutOfFold, data.Labels, options.Threshold);
        var model = new PipelineModel(ensemble, tuning.Best, calibration.Calibrator, threshold, options.Threshold, baseline);

        double baselineThreshold = ThresholdSelector.Choose(baselineOutOfFold, data.Labels, options.Threshold);
        int positives = data.Labels.Count(y => y == 1);
        var crossValidated = PerformanceSummary.Compute(calibratedOutOfFold, data.Labels, threshold);
        return new PipelineResult(
            model, data.RowCount, positives, audited.Folds, tuning, calibration,
            PerformanceSummary.Compute(model.PredictProbabilities(data), data.Labels, threshold),
            crossValidated,
            PerformanceSummary.Compute(baselineOutOfFold, data.Labels, baselineThreshold),
            [.. audited.Warnings, .. ModelWarnings.For(ensemble, crossValidated)]) { OutOfFold = calibratedOutOfFold, Learner = learner.Name };
    }

    /// <summary>
    /// Everything fitted with the tuned settings: out-of-fold predictions of the GBDT and of the logistic comparator
    /// (tuned inside each fold), and both models refitted on all rows. The fits are independent, so they run side by
    /// side, each writing only its own slot or its own fold's rows.
    /// </summary>
    private static TunedFits Refits(TrainingSet data, IReadOnlyList<int[]> folds, TuningResult tuning, PipelineOptions options,
        int innerFoldLimit, double ridgePenalty, IProgress<WorkProgress>? progress)
    {
        var gbdt = new double[data.RowCount];
        var comparator = new double[data.RowCount];
        TreeEnsemble? ensemble = null;
        LogisticBaselineModel? baseline = null;
        // The final refit is the one long single fit of the pipeline on large data, so it reports its trees.
        var trees = progress is null ? null : new StageName(progress, "final model");
        var learner = options.Learner;
        TreeEnsemble Refit(int threads) => learner.Fit(data, tuning.Best, threads, trees);
        // On one row block the refit runs on one thread whatever it is given, so it joins the fold fits (first, being
        // the longest); on more it follows them with every thread.
        bool refitAlongside = RowBlocks.For(data.RowCount).Count == 1;
        var jobs = new List<Action<int>>();
        if (refitAlongside) jobs.Add(threads => ensemble = Refit(threads));
        var gbdtDone = new ProgressCounter(progress, "out-of-fold predictions", folds.Count);
        var comparatorDone = new ProgressCounter(progress, "logistic comparator", folds.Count);
        foreach (var fold in folds)
        {
            jobs.Add(threads =>
            {
                var model = learner.Fit(data.SelectRows(StratifiedKFold.Complement(fold, data.RowCount)), tuning.Best, threads);
                Scatter(EnsembleScores.Predict(model, data.SelectRows(fold)), fold, gbdt);
                gbdtDone.Done();
            });
        }
        foreach (var fold in folds)
        {
            jobs.Add(_ =>
            {
                var model = Comparator(data.SelectRows(StratifiedKFold.Complement(fold, data.RowCount)), innerFoldLimit, options);
                Scatter(model.Predict(data.SelectRows(fold)), fold, comparator);
                comparatorDone.Done();
            });
        }
        jobs.Add(_ => baseline = options.BaselineL1Ratio == 0
            ? PenalisedLogisticRegression.Fit(data, ridgePenalty)
            : PenalisedLogisticRegression.FitTuned(data, folds, options.BaselineL1Ratio));
        IndependentFits.Run(options.Threads, jobs);
        ensemble ??= Refit(options.Threads);
        return new TunedFits(gbdt, comparator, ensemble, baseline!);
    }

    private static void Scatter(double[] foldPredictions, int[] fold, double[] into)
    {
        for (int r = 0; r < fold.Length; r++) into[fold[r]] = foldPredictions[r];
    }

    private sealed record TunedFits(double[] OutOfFold, double[] ComparatorOutOfFold, TreeEnsemble Ensemble, LogisticBaselineModel Comparator);

    private static LogisticBaselineModel Comparator(TrainingSet train, int innerFoldLimit, PipelineOptions options)
    {
        int innerFolds = Math.Min(innerFoldLimit, RarerClass.Count(train.Labels));
        // With a single row of a class left there is nothing to tune on; the grid's middle penalty is used.
        return innerFolds >= 2
            ? PenalisedLogisticRegression.FitTuned(train, StratifiedKFold.Split(train.Labels, innerFolds, options.Seed + 1), options.BaselineL1Ratio)
            : PenalisedLogisticRegression.Fit(train, 1.0, options.BaselineL1Ratio);
    }

    /// <summary>Each fold's predictions calibrated by a calibrator fitted on the other folds, so none sees its own outcome.</summary>
    private static double[] CrossFittedCalibration(double[] outOfFold, double[] labels, IReadOnlyList<int[]> folds, string method)
    {
        var calibrated = new double[labels.Length];
        foreach (var fold in folds)
        {
            var rest = StratifiedKFold.Complement(fold, labels.Length);
            var p = rest.Select(r => outOfFold[r]).ToArray();
            var y = rest.Select(r => labels[r]).ToArray();
            var calibrator = CalibratorSelection.Fit(method, p, y);
            foreach (var r in fold) calibrated[r] = calibrator.Apply(outOfFold[r]);
        }
        return calibrated;
    }
}
