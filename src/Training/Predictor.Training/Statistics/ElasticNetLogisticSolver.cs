namespace Predictor.Training.Statistics;

/// <summary>
/// Logistic regression with an elastic-net penalty, fitted as glmnet does: an outer Newton (IRLS) quadratic
/// approximation of the log-likelihood and an inner cyclic coordinate descent with soft-thresholding, which is what
/// sets coefficients exactly to zero. The objective is the (optionally weighted) summed log-loss plus
/// λ·((1 − ρ)/2·‖β‖² + ρ·‖β‖₁) over all columns but the intercept, the same scaling as scikit-learn's
/// <c>LogisticRegression(penalty="elasticnet", C = 1/λ, l1_ratio = ρ)</c> with <c>sample_weight</c>. Each Newton step is
/// halved until the objective falls, so separable data cannot make it diverge.
/// </summary>
public static class ElasticNetLogisticSolver
{
    private const int MaxNewtonSteps = 100;
    private const int MaxSweeps = 10_000;

    /// <param name="design">Row-major design matrix; column <paramref name="interceptColumn"/> is the unpenalised intercept (all ones).</param>
    /// <param name="columns">Columns per row.</param>
    /// <param name="labels">0/1 outcome per row.</param>
    /// <param name="penalty">λ ≥ 0.</param>
    /// <param name="l1Ratio">ρ in [0, 1]: 0 is ridge, 1 is the lasso.</param>
    /// <param name="interceptColumn">Index of the intercept column.</param>
    /// <param name="start">Coefficients to start from (a warm start along a penalty path), or empty for the null model.</param>
    /// <param name="weights">Non-negative weight per row, or empty for all ones; an integer weight fits as that many copies of the row.</param>
    public static double[] Fit(ReadOnlySpan<double> design, int columns, ReadOnlySpan<double> labels, double penalty, double l1Ratio,
        int interceptColumn = 0, ReadOnlySpan<double> start = default, ReadOnlySpan<double> weights = default)
    {
        int n = labels.Length;
        if (design.Length != n * columns) throw new ArgumentException("The design needs one row per label.");
        if (!(penalty >= 0)) throw new ArgumentOutOfRangeException(nameof(penalty), "The penalty must be non-negative.");
        if (l1Ratio is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), "The L1 ratio must be in [0, 1].");
        if (!start.IsEmpty && start.Length != columns) throw new ArgumentException("The start needs one value per column.");
        if (!weights.IsEmpty && weights.Length != n) throw new ArgumentException("The weights need one value per label.");
        var problem = new Problem(design, columns, labels, weights, penalty * l1Ratio, penalty * (1 - l1Ratio), interceptColumn);
        var beta = start.IsEmpty ? problem.NullModel() : start.ToArray();
        double objective = problem.Objective(beta);
        var curvature = new double[n];
        var residual = new double[n];
        var next = new double[columns];
        for (int outer = 0; outer < MaxNewtonSteps; outer++)
        {
            problem.WorkingResponse(beta, curvature, residual);
            var proposal = (double[])beta.Clone();
            problem.CoordinateDescent(curvature, residual, proposal);
            // Step halving: the quadratic model can overshoot where the likelihood is flat (near separation).
            double step = 1, candidate = double.PositiveInfinity;
            for (int halving = 0; halving < 30; halving++)
            {
                for (int j = 0; j < columns; j++) next[j] = beta[j] + step * (proposal[j] - beta[j]);
                candidate = problem.Objective(next);
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

    /// <summary>
    /// One fit's data. The design is kept row-major (linear predictors) and column-major (coordinate descent reads one
    /// column at a time, and strided reads made the inner loop memory-bound).
    /// </summary>
    private sealed class Problem
    {
        private readonly double[] _rows, _byColumn, _labels, _weights;
        private readonly int _n, _columns, _intercept;
        private readonly double _l1, _l2;

        public Problem(ReadOnlySpan<double> design, int columns, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, double l1, double l2, int intercept)
        {
            _n = labels.Length;
            _columns = columns;
            _rows = design.ToArray();
            _labels = labels.ToArray();
            _weights = weights.IsEmpty ? [] : weights.ToArray();
            _byColumn = new double[_rows.Length];
            for (int i = 0; i < _n; i++)
            {
                for (int j = 0; j < columns; j++) _byColumn[j * _n + i] = _rows[i * columns + j];
            }
            (_l1, _l2, _intercept) = (l1, l2, intercept);
        }

        private double Weight(int row) => _weights.Length == 0 ? 1 : _weights[row];

        public double[] NullModel()
        {
            double total = 0, positive = 0;
            for (int i = 0; i < _n; i++)
            {
                total += Weight(i);
                positive += Weight(i) * _labels[i];
            }
            double mean = Math.Clamp(total > 0 ? positive / total : 0.5, 1e-6, 1 - 1e-6);
            var beta = new double[_columns];
            beta[_intercept] = Math.Log(mean / (1 - mean));
            return beta;
        }

        private double Eta(int row, double[] beta)
        {
            double eta = 0;
            for (int j = 0; j < _columns; j++) eta += _rows[row * _columns + j] * beta[j];
            return eta;
        }

        /// <summary>IRLS curvature wᵢ·p(1 − p) and working residual (y − p)/(p(1 − p)) at <paramref name="beta"/>.</summary>
        public void WorkingResponse(double[] beta, double[] curvature, double[] residual)
        {
            for (int i = 0; i < _n; i++)
            {
                double p = LogisticRegressionSolver.Sigmoid(Eta(i, beta));
                double variance = Math.Max(p * (1 - p), 1e-10);
                curvature[i] = Weight(i) * variance;
                residual[i] = (_labels[i] - p) / variance;
            }
        }

        /// <summary>
        /// Minimises the weighted least-squares model of the likelihood plus the penalty, one coordinate at a time. As
        /// in glmnet, sweeps after the first visit only the non-zero coefficients until they settle, then one full
        /// sweep checks whether any zero one wants in; most lasso coefficients stay zero and are then not touched.
        /// </summary>
        public void CoordinateDescent(double[] w, double[] r, double[] beta)
        {
            var scale = new double[_columns];
            for (int j = 0; j < _columns; j++)
            {
                var column = _byColumn.AsSpan(j * _n, _n);
                for (int i = 0; i < _n; i++) scale[j] += w[i] * column[i] * column[i];
            }
            bool activeOnly = false;
            for (int sweep = 0; sweep < MaxSweeps; sweep++)
            {
                double largest = 0;
                for (int j = 0; j < _columns; j++)
                {
                    if (scale[j] == 0 || (activeOnly && beta[j] == 0)) continue;
                    largest = Math.Max(largest, Update(j, w, r, beta, scale[j]));
                }
                bool settled = largest < 1e-12;
                if (settled && !activeOnly) break;
                activeOnly = !settled;
            }
        }

        private double Update(int j, double[] w, double[] r, double[] beta, double scale)
        {
            var column = _byColumn.AsSpan(j * _n, _n);
            double gradient = 0;
            for (int i = 0; i < _n; i++) gradient += w[i] * column[i] * r[i];
            double target = gradient + scale * beta[j];
            double updated = j == _intercept ? target / scale : SoftThreshold(target, _l1) / (scale + _l2);
            double delta = updated - beta[j];
            if (delta == 0) return 0;
            for (int i = 0; i < _n; i++) r[i] -= delta * column[i];
            beta[j] = updated;
            return Math.Abs(delta) * Math.Sqrt(scale);
        }

        /// <summary>The penalised objective: (weighted) summed log-loss plus the elastic-net penalty on every non-intercept coefficient.</summary>
        public double Objective(double[] beta)
        {
            double sum = 0;
            for (int i = 0; i < _n; i++)
            {
                double eta = Eta(i, beta);
                double softplus = eta > 0 ? eta + double.LogP1(Math.Exp(-eta)) : double.LogP1(Math.Exp(eta));
                sum += Weight(i) * (softplus - _labels[i] * eta);
            }
            for (int j = 0; j < _columns; j++)
            {
                if (j != _intercept) sum += _l2 / 2 * beta[j] * beta[j] + _l1 * Math.Abs(beta[j]);
            }
            return sum;
        }

        private static double SoftThreshold(double value, double threshold) =>
            value > threshold ? value - threshold : value < -threshold ? value + threshold : 0;
    }
}
