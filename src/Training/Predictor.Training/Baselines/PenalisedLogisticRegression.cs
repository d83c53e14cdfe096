using Predictor.Training.DataSets;
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

    /// <summary>
    /// L1 ratios the linear start chooses among together with λ: ridge and the lasso. With many candidate markers and few
    /// true ones, as in small clinical cohorts, the lasso's exact zeros beat ridge's uniform shrinkage (on simulated
    /// 200-patient cohorts by about 0.01 held-out AUC); with many patients the two agree. An even elastic net scored
    /// like the lasso there but its path is several times slower to fit (one-hot levels are collinear with the
    /// intercept, and a weak ridge share leaves coordinate descent crawling along that direction), so it is not tried.
    /// </summary>
    public static IReadOnlyList<double> L1RatioGrid { get; } = [0, 1];

    /// <param name="data">Training rows.</param>
    /// <param name="penalty">λ (sklearn C = 1/λ).</param>
    /// <param name="l1Ratio">Share of the penalty on ‖β‖₁: 0 is ridge (the exact Newton solver), up to 1 (lasso).</param>
    /// <param name="weights">
    /// Non-negative weight per row, or null for all 1 (the fit is then exactly the unweighted one). The objective is
    /// Σ wᵢ·logloss_i + λ/2 ‖β‖² (sklearn's <c>sample_weight</c> with C = 1/λ) on a design learned with the same
    /// weights (<see cref="LogisticDesign.Fit"/>).
    /// </param>
    public static LogisticBaselineModel Fit(TrainingSet data, double penalty, double l1Ratio = 0, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(penalty >= 0)) throw new ArgumentOutOfRangeException(nameof(penalty), "The penalty must be non-negative.");
        CheckL1Ratio(l1Ratio);
        var design = LogisticDesign.Fit(data, weights);
        var matrix = design.Transform(data);
        var coefficients = Solve(matrix, design.Width, data.Labels, new Regularisation(penalty, l1Ratio), [], weights);
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
    public static double ChoosePenalty(TrainingSet data, IReadOnlyList<int[]> testFolds, double l1Ratio = 0, double[]? weights = null) =>
        CrossValidate(data, testFolds, [l1Ratio], weights).Best().Penalty;

    /// <summary>
    /// Cross-validated log-loss of every λ in <see cref="PenaltyGrid"/> for every given L1 ratio, on the given folds.
    /// With <paramref name="weights"/> each fold is fitted weighted and scored by its weighted log-loss.
    /// </summary>
    public static PenaltyPath CrossValidate(TrainingSet data, IReadOnlyList<int[]> testFolds, IReadOnlyList<double> l1Ratios, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testFolds);
        ArgumentNullException.ThrowIfNull(l1Ratios);
        foreach (var ratio in l1Ratios) CheckL1Ratio(ratio);
        if (weights is not null && weights.Length != data.RowCount)
            throw new ArgumentException($"There are {weights.Length} weights for {data.RowCount} rows.", nameof(weights));
        var losses = new double[l1Ratios.Count, PenaltyGrid.Count];
        foreach (var fold in testFolds)
        {
            // One design per fold, learned on its training rows; each path runs from the strongest penalty down, each
            // fit starting from the previous solution, which is close.
            var trainRows = Validation.StratifiedKFold.Complement(fold, data.RowCount);
            var train = data.SelectRows(trainRows);
            var test = data.SelectRows(fold);
            var trainWeights = weights is null ? null : Select(weights, trainRows);
            var testWeights = weights is null ? null : Select(weights, fold);
            var design = LogisticDesign.Fit(train, trainWeights);
            var trainMatrix = design.Transform(train);
            var testMatrix = design.Transform(test);
            for (int m = 0; m < l1Ratios.Count; m++)
            {
                double[] previous = [];
                for (int i = PenaltyGrid.Count - 1; i >= 0; i--)
                {
                    var coefficients = Solve(trainMatrix, design.Width, train.Labels, new Regularisation(PenaltyGrid[i], l1Ratios[m]), previous, trainWeights);
                    previous = coefficients;
                    var probabilities = LogisticBaselineModel.Probabilities(testMatrix, design.Width, coefficients);
                    losses[m, i] += testWeights is null
                        ? Evaluation.LogLossMetric.Sum(probabilities, test.Labels)
                        : Evaluation.LogLossMetric.Sum(probabilities, test.Labels, testWeights);
                }
            }
        }
        return new PenaltyPath(l1Ratios, PenaltyGrid, losses);
    }

    private static double[] Solve(double[] matrix, int width, double[] labels, Regularisation penalty, double[] start, double[]? weights) =>
        penalty.L1Ratio == 0
            ? LogisticRegressionSolver.Fit(matrix, width, labels, ridge: penalty.Penalty, start: start, weights: weights)
            : ElasticNetLogisticSolver.Fit(matrix, width, labels, penalty.Penalty, penalty.L1Ratio, start: start, weights: weights);

    private static void CheckL1Ratio(double l1Ratio)
    {
        if (l1Ratio is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), "The L1 ratio must be in [0, 1].");
    }

    private static double[] Select(double[] weights, int[] rows) => [.. rows.Select(r => weights[r])];
}
