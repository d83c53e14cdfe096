namespace Predictor.Training.Statistics;

/// <summary>
/// Newton-Raphson (iteratively reweighted least squares) for a logistic regression with a small dense design, an
/// optional fixed offset per row and an optional ridge penalty that spares the intercept. Small enough designs (tens
/// of columns) make the exact Newton step cheap and give the textbook answer that R's glm and sklearn agree on.
/// </summary>
public static class LogisticRegressionSolver
{
    /// <summary>Fits coefficients for <paramref name="design"/> (rows × columns, row-major; column 0 is the intercept when <paramref name="interceptColumn"/> is 0).</summary>
    /// <param name="design">Row-major design matrix.</param>
    /// <param name="columns">Columns per row.</param>
    /// <param name="labels">0/1 outcome per row.</param>
    /// <param name="offset">Fixed linear-predictor term per row, or null.</param>
    /// <param name="ridge">L2 penalty λ on the coefficients (the loss is the summed log-loss plus λ/2 ‖β‖², as sklearn with C = 1/λ).</param>
    /// <param name="interceptColumn">Index of the unpenalised intercept column, or -1 when every column is penalised.</param>
    /// <param name="start">Coefficients to start Newton from (a warm start along a penalty path), or empty for zeros.</param>
    /// <param name="weights">
    /// Non-negative weight per row, or empty for all ones: the loss becomes Σ wᵢ·logloss_i + λ/2 ‖β‖² (sklearn's
    /// <c>sample_weight</c>), so an integer weight fits as that many copies of the row.
    /// </param>
    public static double[] Fit(ReadOnlySpan<double> design, int columns, ReadOnlySpan<double> labels, ReadOnlySpan<double> offset = default,
        double ridge = 0, int interceptColumn = 0, ReadOnlySpan<double> start = default, ReadOnlySpan<double> weights = default)
        => FitChecked(design, columns, labels, offset, ridge, interceptColumn, start, weights).Coefficients;

    /// <summary>
    /// As <see cref="Fit"/>, and says whether Newton converged: it stopped on a small step or a flat loss, at finite
    /// coefficients where the score (the loss's gradient) is close to zero. Newton without step control can overshoot
    /// and diverge when nearly every fitted probability is 0 or 1 (the Hessian is then almost zero); such a fit is not
    /// a maximum-likelihood estimate, however its coefficients look.
    /// </summary>
    public static LogisticFit FitChecked(ReadOnlySpan<double> design, int columns, ReadOnlySpan<double> labels, ReadOnlySpan<double> offset = default,
        double ridge = 0, int interceptColumn = 0, ReadOnlySpan<double> start = default, ReadOnlySpan<double> weights = default)
    {
        int n = labels.Length;
        if (design.Length != n * columns) throw new ArgumentException("The design needs one row per label.");
        if (!offset.IsEmpty && offset.Length != n) throw new ArgumentException("The offset needs one value per label.");
        if (!start.IsEmpty && start.Length != columns) throw new ArgumentException("The start needs one value per column.");
        if (!weights.IsEmpty && weights.Length != n) throw new ArgumentException("The weights need one value per label.");
        var beta = start.IsEmpty ? new double[columns] : start.ToArray();
        var gradient = new double[columns];
        var hessian = new double[columns * columns];
        double previous = double.PositiveInfinity;
        bool stopped = false;
        double largestScore = double.PositiveInfinity;
        for (int iteration = 0; iteration < 100; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                var x = design.Slice(i * columns, columns);
                double eta = offset.IsEmpty ? 0 : offset[i];
                for (int j = 0; j < columns; j++) eta += x[j] * beta[j];
                double p = Sigmoid(eta);
                // A weight of 1 multiplies exactly, so the unweighted fit is the same bit for bit as before weights.
                double rowWeight = weights.IsEmpty ? 1 : weights[i];
                loss += rowWeight * LogLossTerm(labels[i], eta);
                double residual = rowWeight * (p - labels[i]);
                double w = rowWeight * Math.Max(p * (1 - p), 1e-12);
                for (int j = 0; j < columns; j++)
                {
                    gradient[j] += residual * x[j];
                    double wx = w * x[j];
                    for (int k = 0; k <= j; k++) hessian[j * columns + k] += wx * x[k];
                }
            }
            for (int j = 0; j < columns; j++)
            {
                for (int k = 0; k < j; k++) hessian[k * columns + j] = hessian[j * columns + k];
                if (j == interceptColumn) continue;
                gradient[j] += ridge * beta[j];
                hessian[j * columns + j] += ridge;
                loss += ridge / 2 * beta[j] * beta[j];
            }
            largestScore = 0;
            for (int j = 0; j < columns; j++) largestScore = Math.Max(largestScore, Math.Abs(gradient[j]));
            // A tiny jitter keeps separable or collinear designs solvable; the penalised fit never needs it.
            for (int j = 0; j < columns; j++) hessian[j * columns + j] += 1e-10;
            var step = Cholesky.Solve(hessian, gradient, columns);
            double largest = 0;
            for (int j = 0; j < columns; j++)
            {
                beta[j] -= step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }
            if (largest < 1e-10 || Math.Abs(previous - loss) < 1e-12 * (1 + Math.Abs(loss)))
            {
                stopped = true;
                break;
            }
            previous = loss;
        }
        // The score at the last evaluated point, per row so the tolerance does not grow with n: a diverging Newton
        // stops (if at all) where whole outcome classes are mispredicted and the score per row is of order one.
        bool converged = stopped && beta.All(double.IsFinite) && largestScore <= ScoreTolerance * Math.Max(n, 1);
        return new LogisticFit(beta, converged);
    }

    /// <summary>Largest score per row (|∂loss/∂β| / n) of a converged fit.</summary>
    private const double ScoreTolerance = 1e-4;

    public static double Sigmoid(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    /// <summary>The logit, with probabilities clipped away from 0 and 1 so the result is finite.</summary>
    public static double Logit(double p)
    {
        double q = Math.Clamp(p, 1e-12, 1 - 1e-12);
        return Math.Log(q / (1 - q));
    }

    private static double LogLossTerm(double y, double eta)
    {
        // log(1 + e^eta) - y·eta, computed without overflow.
        double softplus = eta > 0 ? eta + double.LogP1(Math.Exp(-eta)) : double.LogP1(Math.Exp(eta));
        return softplus - y * eta;
    }
}

/// <summary>A logistic fit's coefficients and whether Newton converged to them (see <see cref="LogisticRegressionSolver.FitChecked"/>).</summary>
public sealed record LogisticFit(double[] Coefficients, bool Converged);
