using Predictor.Training.Gbdt.Data;
using Predictor.Training.Statistics;

namespace Predictor.Training.Baselines;

/// <summary>
/// Ridge (L2) logistic regression on standardised, median-imputed features: the simple comparator reporting guidelines
/// (TRIPOD+AI) ask for beside a machine-learning model. The intercept is not penalised, as in sklearn. Optional row
/// weights (sklearn's <c>sample_weight</c>) weigh each row's loss, as the linear start needs for weighted boosting. A positive L1
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
    /// <param name="weights">
    /// Non-negative weight per row, or null for all 1 (the fit is then exactly the unweighted one). The objective is
    /// Σ wᵢ·logloss_i + λ/2 ‖β‖² (sklearn's <c>sample_weight</c> with C = 1/λ) on a design learned with the same
    /// weights (<see cref="LogisticDesign.Fit"/>). Ridge only: the elastic-net solver is unweighted.
    /// </param>
    public static LogisticBaselineModel Fit(TrainingSet data, double penalty, double l1Ratio = 0, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(penalty >= 0)) throw new ArgumentOutOfRangeException(nameof(penalty), "The penalty must be non-negative.");
        CheckL1Ratio(l1Ratio, weights);
        var design = LogisticDesign.Fit(data, weights);
        var matrix = design.Transform(data);
        var coefficients = l1Ratio == 0
            ? LogisticRegressionSolver.Fit(matrix, design.Width, data.Labels, ridge: penalty, weights: weights)
            : ElasticNetLogisticSolver.Fit(matrix, design.Width, data.Labels, penalty, l1Ratio);
        return new LogisticBaselineModel(design, coefficients, penalty) { L1Ratio = l1Ratio };
    }

    /// <summary>Chooses λ from <see cref="PenaltyGrid"/> by the lowest cross-validated log-loss on the given folds, then refits on all rows.</summary>
    public static LogisticBaselineModel FitTuned(TrainingSet data, IReadOnlyList<int[]> testFolds, double l1Ratio = 0, double[]? weights = null) =>
        Fit(data, ChoosePenalty(data, testFolds, l1Ratio, weights), l1Ratio, weights);

    /// <summary>
    /// The λ from <see cref="PenaltyGrid"/> with the lowest cross-validated log-loss on the given folds (ties: the
    /// smaller λ). With <paramref name="weights"/> each fold is fitted weighted and scored by its weighted log-loss,
    /// the loss the weighted fit itself minimises.
    /// </summary>
    public static double ChoosePenalty(TrainingSet data, IReadOnlyList<int[]> testFolds, double l1Ratio = 0, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testFolds);
        CheckL1Ratio(l1Ratio, weights);
        if (weights is not null && weights.Length != data.RowCount)
            throw new ArgumentException($"There are {weights.Length} weights for {data.RowCount} rows.", nameof(weights));
        var losses = new double[PenaltyGrid.Count];
        foreach (var fold in testFolds)
        {
            // One design per fold, learned on its training rows; the path runs from the strongest penalty down, each
            // Newton fit starting from the previous solution, which is close.
            var trainRows = Validation.StratifiedKFold.Complement(fold, data.RowCount);
            var train = data.SelectRows(trainRows);
            var test = data.SelectRows(fold);
            var trainWeights = weights is null ? null : Select(weights, trainRows);
            var testWeights = weights is null ? null : Select(weights, fold);
            var design = LogisticDesign.Fit(train, trainWeights);
            var trainMatrix = design.Transform(train);
            var testMatrix = design.Transform(test);
            double[] previous = [];
            for (int i = PenaltyGrid.Count - 1; i >= 0; i--)
            {
                var coefficients = l1Ratio == 0
                    ? LogisticRegressionSolver.Fit(trainMatrix, design.Width, train.Labels, ridge: PenaltyGrid[i], start: previous, weights: trainWeights)
                    : ElasticNetLogisticSolver.Fit(trainMatrix, design.Width, train.Labels, PenaltyGrid[i], l1Ratio);
                previous = coefficients;
                var probabilities = LogisticBaselineModel.Probabilities(testMatrix, design.Width, coefficients);
                losses[i] += testWeights is null
                    ? Evaluation.LogLossMetric.Sum(probabilities, test.Labels)
                    : Evaluation.LogLossMetric.Sum(probabilities, test.Labels, testWeights);
            }
        }
        int best = 0;
        for (int i = 1; i < losses.Length; i++)
        {
            if (losses[i] < losses[best]) best = i;
        }
        return PenaltyGrid[best];
    }

    private static void CheckL1Ratio(double l1Ratio, double[]? weights)
    {
        if (l1Ratio is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), "The L1 ratio must be in [0, 1].");
        if (weights is not null && l1Ratio != 0)
            throw new NotSupportedException("Row weights are supported by the ridge fit only; the elastic-net solver is unweighted.");
    }

    private static double[] Select(double[] weights, int[] rows) => [.. rows.Select(r => weights[r])];
}
