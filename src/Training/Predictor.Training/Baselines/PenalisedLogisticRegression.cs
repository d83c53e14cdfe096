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
    /// <summary>Ridge penalties λ tried by <see cref="FitTuned"/> (sklearn C = 1/λ from 0.01 to 100).</summary>
    public static IReadOnlyList<double> PenaltyGrid { get; } = [0.01, 0.1, 1, 10, 100];

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
    public static LogisticBaselineModel FitTuned(TrainingSet data, IReadOnlyList<int[]> testFolds, double l1Ratio = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testFolds);
        double best = double.PositiveInfinity, bestPenalty = 1;
        foreach (var penalty in PenaltyGrid)
        {
            double loss = 0;
            foreach (var fold in testFolds)
            {
                var train = data.SelectRows(Validation.StratifiedKFold.Complement(fold, data.RowCount));
                var test = data.SelectRows(fold);
                var p = Fit(train, penalty, l1Ratio).Predict(test);
                loss += Evaluation.LogLossMetric.Sum(p, test.Labels);
            }
            if (loss < best)
            {
                best = loss;
                bestPenalty = penalty;
            }
        }
        return Fit(data, bestPenalty, l1Ratio);
    }
}
