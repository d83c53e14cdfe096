using Predictor.Training.Baselines;
using Predictor.Training.Calibration;
using Predictor.Training.Concurrency;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Gbdt.Data;
using Predictor.Training.Progress;
using Predictor.Training.Thresholds;
using Predictor.Training.Tuning;
using Predictor.Training.Validation;

namespace Predictor.Training.Pipeline;

/// <summary>
/// The default training pipeline: audit the data; tune the GBDT by stratified cross-validation with early stopping over
/// a grid sized to the data; get out-of-fold predictions of the chosen settings; choose Platt or isotonic calibration by
/// cross-validation on them; choose the decision threshold by the stated rule on the calibrated out-of-fold
/// predictions; refit the ensemble on all rows; fit the ridge logistic comparator the same way.
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
        var tuning = GbdtTuner.Tune(data, folds, TuningGrid.For(data.RowCount, start), progress);

        var (outOfFold, baselineOutOfFold) = OutOfFold(data, folds, tuning, options, audited.Folds, progress);
        var calibration = CalibratorSelection.Choose(outOfFold, data.Labels, folds);
        var calibratedOutOfFold = CrossFittedCalibration(outOfFold, data.Labels, folds, calibration.Calibrator.Method);
        double threshold = ThresholdSelector.Choose(calibratedOutOfFold, data.Labels, options.Threshold);

        // The final refit is the one long single fit of the pipeline on large data, so it reports its trees.
        var ensemble = BoostingTrainer.Train(data, tuning.Best, progress: progress is null ? null : new StageName(progress, "final model")).Model;
        var baseline = PenalisedLogisticRegression.FitTuned(data, folds, options.BaselineL1Ratio);
        var model = new PipelineModel(ensemble, tuning.Best, calibration.Calibrator, threshold, options.Threshold, baseline);

        double baselineThreshold = ThresholdSelector.Choose(baselineOutOfFold, data.Labels, options.Threshold);
        int positives = data.Labels.Count(y => y == 1);
        var crossValidated = PerformanceSummary.Compute(calibratedOutOfFold, data.Labels, threshold);
        return new PipelineResult(
            model, data.RowCount, positives, audited.Folds, tuning, calibration,
            PerformanceSummary.Compute(model.PredictProbabilities(data), data.Labels, threshold),
            crossValidated,
            PerformanceSummary.Compute(baselineOutOfFold, data.Labels, baselineThreshold),
            [.. audited.Warnings, .. ModelWarnings.For(ensemble, crossValidated)]) { OutOfFold = calibratedOutOfFold };
    }

    /// <summary>
    /// Out-of-fold predictions of the tuned GBDT and of the logistic comparator (tuned inside each fold). The 2K fits are
    /// independent, so they run side by side; each writes only its own fold's rows.
    /// </summary>
    private static (double[] Gbdt, double[] Comparator) OutOfFold(TrainingSet data, IReadOnlyList<int[]> folds, TuningResult tuning,
        PipelineOptions options, int innerFoldLimit, IProgress<WorkProgress>? progress)
    {
        var gbdt = new double[data.RowCount];
        var comparator = new double[data.RowCount];
        var gbdtDone = new ProgressCounter(progress, "out-of-fold predictions", folds.Count);
        var comparatorDone = new ProgressCounter(progress, "logistic comparator", folds.Count);
        IndependentFits.Run(2 * folds.Count, options.Threads, (i, threadsEach) =>
        {
            bool isGbdt = i < folds.Count;
            var fold = folds[isGbdt ? i : i - folds.Count];
            var train = data.SelectRows(StratifiedKFold.Complement(fold, data.RowCount));
            var test = data.SelectRows(fold);
            var p = isGbdt
                ? EnsembleScores.Predict(BoostingTrainer.Train(train, tuning.Best with { Threads = threadsEach }).Model, test)
                : Comparator(train, innerFoldLimit, options).Predict(test);
            var into = isGbdt ? gbdt : comparator;
            for (int r = 0; r < fold.Length; r++) into[fold[r]] = p[r];
            (isGbdt ? gbdtDone : comparatorDone).Done();
            return true;
        });
        return (gbdt, comparator);
    }

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
            ICalibrator calibrator = method == "isotonic" ? IsotonicCalibrator.Fit(p, y) : PlattCalibrator.Fit(p, y);
            foreach (var r in fold) calibrated[r] = calibrator.Apply(outOfFold[r]);
        }
        return calibrated;
    }
}
