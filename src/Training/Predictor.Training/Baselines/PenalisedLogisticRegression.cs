using Predictor.Training.Gbdt.Data;
using Predictor.Training.Statistics;

namespace Predictor.Training.Baselines;

/// <summary>
/// Ridge (L2) logistic regression on standardised, median-imputed features: the simple comparator reporting guidelines
/// (TRIPOD+AI) ask for beside a machine-learning model. The intercept is not penalised, as in sklearn.
/// </summary>
public static class PenalisedLogisticRegression
{
    /// <summary>Ridge penalties λ tried by <see cref="FitTuned"/> (sklearn C = 1/λ from 0.01 to 100).</summary>
    public static IReadOnlyList<double> PenaltyGrid { get; } = [0.01, 0.1, 1, 10, 100];

    public static LogisticBaselineModel Fit(TrainingSet data, double penalty)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(penalty >= 0)) throw new ArgumentOutOfRangeException(nameof(penalty), "The penalty must be non-negative.");
        var design = LogisticDesign.Fit(data);
        var coefficients = LogisticRegressionSolver.Fit(design.Transform(data), design.Width, data.Labels, ridge: penalty);
        return new LogisticBaselineModel(design, coefficients, penalty);
    }

    /// <summary>Chooses λ from <see cref="PenaltyGrid"/> by the lowest cross-validated log-loss on the given folds, then refits on all rows.</summary>
    public static LogisticBaselineModel FitTuned(TrainingSet data, IReadOnlyList<int[]> testFolds)
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
                var p = Fit(train, penalty).Predict(test);
                loss += Evaluation.LogLossMetric.Sum(p, test.Labels);
            }
            if (loss < best)
            {
                best = loss;
                bestPenalty = penalty;
            }
        }
        return Fit(data, bestPenalty);
    }
}
