namespace Predictor.Training.Statistics;

/// <summary>
/// Logistic regression with an elastic-net penalty, fitted as glmnet does: an outer Newton (IRLS) quadratic
/// approximation of the log-likelihood and an inner cyclic coordinate descent with soft-thresholding, which is what
/// sets coefficients exactly to zero. The objective is the summed log-loss plus
/// λ·((1 − ρ)/2·‖β‖² + ρ·‖β‖₁) over all columns but the intercept, the same scaling as scikit-learn's
/// <c>LogisticRegression(penalty="elasticnet", C = 1/λ, l1_ratio = ρ)</c>. Each Newton step is halved until the
/// objective falls, so separable data cannot make it diverge.
/// </summary>
public static class ElasticNetLogisticSolver
{
    /// <param name="design">Row-major design matrix; column <paramref name="interceptColumn"/> is the unpenalised intercept (all ones).</param>
    /// <param name="columns">Columns per row.</param>
    /// <param name="labels">0/1 outcome per row.</param>
    /// <param name="penalty">λ ≥ 0.</param>
    /// <param name="l1Ratio">ρ in [0, 1]: 0 is ridge, 1 is the lasso.</param>
    /// <param name="interceptColumn">Index of the intercept column.</param>
    public static double[] Fit(ReadOnlySpan<double> design, int columns, ReadOnlySpan<double> labels, double penalty, double l1Ratio, int interceptColumn = 0)
    {
        int n = labels.Length;
        if (design.Length != n * columns) throw new ArgumentException("The design needs one row per label.");
        if (!(penalty >= 0)) throw new ArgumentOutOfRangeException(nameof(penalty), "The penalty must be non-negative.");
        if (l1Ratio is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), "The L1 ratio must be in [0, 1].");
        var x = design.ToArray();
        var y = labels.ToArray();
        double l1 = penalty * l1Ratio, l2 = penalty * (1 - l1Ratio);
        var beta = new double[columns];
        double mean = Math.Clamp(y.Average(), 1e-6, 1 - 1e-6);
        beta[interceptColumn] = Math.Log(mean / (1 - mean));
        double objective = Objective(x, columns, y, beta, l1, l2, interceptColumn);
        var weights = new double[n];
        var residual = new double[n];
        for (int outer = 0; outer < 100; outer++)
        {
            for (int i = 0; i < n; i++)
            {
                double p = LogisticRegressionSolver.Sigmoid(Eta(x, columns, i, beta));
                weights[i] = Math.Max(p * (1 - p), 1e-10);
                residual[i] = (y[i] - p) / weights[i];
            }
            var proposal = (double[])beta.Clone();
            CoordinateDescent(x, columns, weights, residual, proposal, l1, l2, interceptColumn);
            // Step halving: the quadratic model can overshoot where the likelihood is flat (near separation).
            double step = 1, candidate = double.PositiveInfinity;
            var next = new double[columns];
            for (int halving = 0; halving < 30; halving++)
            {
                for (int j = 0; j < columns; j++) next[j] = beta[j] + step * (proposal[j] - beta[j]);
                candidate = Objective(x, columns, y, next, l1, l2, interceptColumn);
                if (candidate <= objective) break;
                step /= 2;
            }
            if (!(candidate <= objective)) break;
            double change = 0;
            for (int j = 0; j < columns; j++) change = Math.Max(change, Math.Abs(next[j] - beta[j]));
            Array.Copy(next, beta, columns);
            bool converged = objective - candidate <= 1e-13 * (1 + Math.Abs(candidate)) || change < 1e-10;
            objective = candidate;
            if (converged) break;
        }
        return beta;
    }

    /// <summary>Minimises the weighted least-squares model of the likelihood plus the penalty, one coordinate at a time.</summary>
    private static void CoordinateDescent(double[] x, int columns, double[] w, double[] r, double[] beta, double l1, double l2, int interceptColumn)
    {
        int n = w.Length;
        var scale = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < n; i++) scale[j] += w[i] * x[i * columns + j] * x[i * columns + j];
        }
        for (int sweep = 0; sweep < 10_000; sweep++)
        {
            double largest = 0;
            for (int j = 0; j < columns; j++)
            {
                if (scale[j] == 0) continue;
                double gradient = 0;
                for (int i = 0; i < n; i++) gradient += w[i] * x[i * columns + j] * r[i];
                double target = gradient + scale[j] * beta[j];
                double updated = j == interceptColumn
                    ? target / scale[j]
                    : SoftThreshold(target, l1) / (scale[j] + l2);
                double delta = updated - beta[j];
                if (delta == 0) continue;
                for (int i = 0; i < n; i++) r[i] -= delta * x[i * columns + j];
                beta[j] = updated;
                largest = Math.Max(largest, Math.Abs(delta) * Math.Sqrt(scale[j]));
            }
            if (largest < 1e-12) break;
        }
    }

    private static double SoftThreshold(double value, double threshold) =>
        value > threshold ? value - threshold : value < -threshold ? value + threshold : 0;

    private static double Eta(double[] x, int columns, int row, double[] beta)
    {
        double eta = 0;
        for (int j = 0; j < columns; j++) eta += x[row * columns + j] * beta[j];
        return eta;
    }

    /// <summary>The penalised objective: summed log-loss plus the elastic-net penalty on every non-intercept coefficient.</summary>
    public static double Objective(double[] x, int columns, double[] y, double[] beta, double l1, double l2, int interceptColumn = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(beta);
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double eta = Eta(x, columns, i, beta);
            double softplus = eta > 0 ? eta + double.LogP1(Math.Exp(-eta)) : double.LogP1(Math.Exp(eta));
            sum += softplus - y[i] * eta;
        }
        for (int j = 0; j < columns; j++)
        {
            if (j != interceptColumn) sum += l2 / 2 * beta[j] * beta[j] + l1 * Math.Abs(beta[j]);
        }
        return sum;
    }
}
