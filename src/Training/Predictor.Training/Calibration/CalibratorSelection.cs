using Predictor.Training.Evaluation;
using Predictor.Training.Validation;

namespace Predictor.Training.Calibration;

/// <summary>The calibrator chosen and the cross-validated Brier score of each method.</summary>
public sealed record CalibrationChoice(ICalibrator Calibrator, double PlattBrier, double IsotonicBrier)
{
    /// <summary>Brier score of the out-of-fold predictions left as they are.</summary>
    public double UncalibratedBrier { get; init; } = double.NaN;
}

/// <summary>
/// Chooses between Platt scaling and isotonic regression by cross-validation over out-of-fold predictions: each method
/// is fitted on the other folds' predictions and scored (Brier) on the held-out fold; the lower total wins and is refitted
/// on all out-of-fold predictions (sklearn's CalibratedClassifierCV with ensemble=False does the final fit the same way).
/// The winner must also beat leaving the predictions as they are by the <see cref="Tuning.OneStandardErrorRule"/>
/// (paired per-fold Brier scores), or no calibration is applied.
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
        bool isotonicWins = isotonicBrier < plattBrier;
        var winner = isotonicWins ? isotonic : platt;
        bool beatsNone = Tuning.OneStandardErrorRule.Beats(FoldBriers(winner, labels, folds), FoldBriers(outOfFold, labels, folds),
            Tuning.OneStandardErrorRule.TestToTrainRatio(folds, labels.Length));
        var chosen = Fit(beatsNone ? (isotonicWins ? "isotonic" : "platt") : IdentityCalibrator.Instance.Method, outOfFold, labels);
        return new CalibrationChoice(chosen, plattBrier, isotonicBrier) { UncalibratedBrier = BrierScore.Compute(outOfFold, labels) };
    }

    /// <summary>A fitted method by name, for refitting the chosen one on other predictions.</summary>
    public static ICalibrator Fit(string method, double[] probabilities, double[] labels) => method switch
    {
        "isotonic" => IsotonicCalibrator.Fit(probabilities, labels),
        "platt" => PlattCalibrator.Fit(probabilities, labels),
        "none" => IdentityCalibrator.Instance,
        _ => throw new ArgumentException($"Unknown calibration method '{method}'.", nameof(method)),
    };

    private static double[] FoldBriers(double[] predictions, double[] labels, IReadOnlyList<int[]> folds) =>
        [.. folds.Select(fold => BrierScore.Compute([.. fold.Select(r => predictions[r])], [.. fold.Select(r => labels[r])]))];
}
