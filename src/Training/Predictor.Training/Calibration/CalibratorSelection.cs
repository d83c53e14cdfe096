using Predictor.Training.Evaluation;
using Predictor.Training.Validation;

namespace Predictor.Training.Calibration;

/// <summary>The calibrator chosen and the cross-validated Brier score of each method.</summary>
public sealed record CalibrationChoice(ICalibrator Calibrator, double PlattBrier, double IsotonicBrier);

/// <summary>
/// Chooses between Platt scaling and isotonic regression by cross-validation over out-of-fold predictions: each method
/// is fitted on the other folds' predictions and scored (Brier) on the held-out fold; the lower total wins and is refitted
/// on all out-of-fold predictions (sklearn's CalibratedClassifierCV with ensemble=False does the final fit the same way).
/// </summary>
public static class CalibratorSelection
{
    public static CalibrationChoice Choose(double[] outOfFold, double[] labels, IReadOnlyList<int[]> folds)
    {
        ArgumentNullException.ThrowIfNull(outOfFold);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(folds);
        var platt = new double[labels.Length];
        var isotonic = new double[labels.Length];
        foreach (var fold in folds)
        {
            var rest = StratifiedKFold.Complement(fold, labels.Length);
            var p = rest.Select(r => outOfFold[r]).ToArray();
            var y = rest.Select(r => labels[r]).ToArray();
            var plattFit = PlattCalibrator.Fit(p, y);
            var isotonicFit = IsotonicCalibrator.Fit(p, y);
            foreach (var r in fold)
            {
                platt[r] = plattFit.Apply(outOfFold[r]);
                isotonic[r] = isotonicFit.Apply(outOfFold[r]);
            }
        }
        double plattBrier = BrierScore.Compute(platt, labels);
        double isotonicBrier = BrierScore.Compute(isotonic, labels);
        ICalibrator chosen = isotonicBrier < plattBrier ? IsotonicCalibrator.Fit(outOfFold, labels) : PlattCalibrator.Fit(outOfFold, labels);
        return new CalibrationChoice(chosen, plattBrier, isotonicBrier);
    }
}
