using Predictor.Training.Baselines;
using Predictor.Training.Calibration;
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

        var outOfFold = OutOfFold(data, folds, tuning, progress);
        var calibration = CalibratorSelection.Choose(outOfFold, data.Labels, folds);
        var calibratedOutOfFold = CrossFittedCalibration(outOfFold, data.Labels, folds, calibration.Calibrator.Method);
        double threshold = ThresholdSelector.Choose(calibratedOutOfFold, data.Labels, options.Threshold);

        // The final refit is the one long single fit of the pipeline on large data, so it reports its trees.
        var ensemble = BoostingTrainer.Train(data, tuning.Best, progress: progress is null ? null : new StageName(progress, "final model")).Model;
        var baseline = PenalisedLogisticRegression.FitTuned(data, folds, options.BaselineL1Ratio);
        var model = new PipelineModel(ensemble, tuning.Best, calibration.Calibrator, threshold, options.Threshold, baseline);

        var baselineOutOfFold = new double[data.RowCount];
        int comparatorFolds = 0;
        foreach (var fold in folds)
        {
            var train = data.SelectRows(StratifiedKFold.Complement(fold, data.RowCount));
            int innerFolds = Math.Min(audited.Folds, RarerClass.Count(train.Labels));
            // With a single row of a class left there is nothing to tune on; the grid's middle penalty is used.
            var comparator = innerFolds >= 2
                ? PenalisedLogisticRegression.FitTuned(train, StratifiedKFold.Split(train.Labels, innerFolds, options.Seed + 1), options.BaselineL1Ratio)
                : PenalisedLogisticRegression.Fit(train, 1.0, options.BaselineL1Ratio);
            var p = comparator.Predict(data.SelectRows(fold));
            for (int i = 0; i < fold.Length; i++) baselineOutOfFold[fold[i]] = p[i];
            progress?.Report(new WorkProgress("logistic comparator", ++comparatorFolds, folds.Count));
        }
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

    private static double[] OutOfFold(TrainingSet data, IReadOnlyList<int[]> folds, TuningResult tuning, IProgress<WorkProgress>? progress)
    {
        var predictions = new double[data.RowCount];
        progress?.Report(new WorkProgress("out-of-fold predictions", 0, folds.Count));
        for (int k = 0; k < folds.Count; k++)
        {
            var fold = folds[k];
            var model = BoostingTrainer.Train(data.SelectRows(StratifiedKFold.Complement(fold, data.RowCount)), tuning.Best).Model;
            var p = EnsembleScores.Predict(model, data.SelectRows(fold));
            for (int i = 0; i < fold.Length; i++) predictions[fold[i]] = p[i];
            progress?.Report(new WorkProgress("out-of-fold predictions", k + 1, folds.Count));
        }
        return predictions;
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
