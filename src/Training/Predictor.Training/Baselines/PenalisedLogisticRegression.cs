using Predictor.Training.Gbdt.Data;
using Predictor.Training.Statistics;

namespace Predictor.Training.Baselines;

/// <summary>
/// Ridge (L2) logistic regression on standardised, median-imputed features: the simple comparator reporting guidelines
/// (TRIPOD+AI) ask for beside a machine-learning model. The intercept is not penalised, as in sklearn. A positive L1
/// ratio makes it an elastic net (<see cref="ElasticNetLogisticSolver"/>), which can drop features altogether.
/// </summary>
public static class PenalisedLogisticRegression
{
    /// <summary>
    /// Ridge penalties λ tried by <see cref="FitTuned"/>: four per decade from 0.01 to 1000 (sklearn C = 1/λ from 100
    /// down to 0.001). Small cohorts often want strong shrinkage, so the grid reaches further that way than sklearn's
    /// usual 0.01-100, and a decade is too coarse a step for the penalty that matters most there.
    /// </summary>
    public static IReadOnlyList<double> PenaltyGrid { get; } = [.. Enumerable.Range(-8, 21).Select(k => Math.Round(Math.Pow(10, k / 4.0), 4, MidpointRounding.AwayFromZero))];

    /// <param name="data">Training rows.</param>
    /// <param name="penalty">λ (sklearn C = 1/λ).</param>
    /// <param name="l1Ratio">Share of the penalty on ‖β‖₁: 0 is ridge (the exact Newton solver), up to 1 (lasso).</param>
    public static LogisticBaselineModel Fit(TrainingSet data, double penalty, double l1Ratio = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(penalty >= 0)) throw new ArgumentOutOfRangeException(nameof(penalty), "The penalty must be non-negative.");
        if (l1Ratio is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), "The L1 ratio must be in [0, 1].");
        var design = LogisticDesign.Fit(data);
        var matrix = design.Transform(data);
        var coefficients = l1Ratio == 0
            ? LogisticRegressionSolver.Fit(matrix, design.Width, data.Labels, ridge: penalty)
            : ElasticNetLogisticSolver.Fit(matrix, design.Width, data.Labels, penalty, l1Ratio);
        return new LogisticBaselineModel(design, coefficients, penalty) { L1Ratio = l1Ratio };
    }

    /// <summary>Chooses λ from <see cref="PenaltyGrid"/> by the lowest cross-validated log-loss on the given folds, then refits on all rows.</summary>
    public static LogisticBaselineModel FitTuned(TrainingSet data, IReadOnlyList<int[]> testFolds, double l1Ratio = 0) =>
        Fit(data, ChoosePenalty(data, testFolds, l1Ratio), l1Ratio);

    /// <summary>The λ from <see cref="PenaltyGrid"/> with the lowest cross-validated log-loss on the given folds (ties: the smaller λ).</summary>
    public static double ChoosePenalty(TrainingSet data, IReadOnlyList<int[]> testFolds, double l1Ratio = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testFolds);
        var losses = new double[PenaltyGrid.Count];
        foreach (var fold in testFolds)
        {
            // One design per fold, learned on its training rows; the path runs from the strongest penalty down, each
            // Newton fit starting from the previous solution, which is close.
            var train = data.SelectRows(Validation.StratifiedKFold.Complement(fold, data.RowCount));
            var test = data.SelectRows(fold);
            var design = LogisticDesign.Fit(train);
            var trainMatrix = design.Transform(train);
            var testMatrix = design.Transform(test);
            double[] previous = [];
            for (int i = PenaltyGrid.Count - 1; i >= 0; i--)
            {
                var coefficients = l1Ratio == 0
                    ? LogisticRegressionSolver.Fit(trainMatrix, design.Width, train.Labels, ridge: PenaltyGrid[i], start: previous)
                    : ElasticNetLogisticSolver.Fit(trainMatrix, design.Width, train.Labels, PenaltyGrid[i], l1Ratio);
                previous = coefficients;
                losses[i] += Evaluation.LogLossMetric.Sum(LogisticBaselineModel.Probabilities(testMatrix, design.Width, coefficients), test.Labels);
            }
        }
        int best = 0;
        for (int i = 1; i < losses.Length; i++)
        {
            if (losses[i] < losses[best]) best = i;
        }
        return PenaltyGrid[best];
    }
}
