using System.Globalization;
using Predictor.Data.Errors;
using Predictor.Survival.Data;
using Predictor.Survival.Design;
using Predictor.Survival.Numerics;

namespace Predictor.Survival.Cox;

/// <summary>
/// Fits Cox proportional-hazards models by Newton–Raphson with step halving, the way R's <c>coxph</c> does:
/// covariates centred on their means, start at β = 0, stop when the log-likelihood changes by a relative 1e-9.
/// </summary>
public static class CoxModel
{
    public static CoxResult Fit(SurvivalData outcome, DesignMatrix design, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(design);
        options ??= new CoxOptions();
        int n = outcome.Count, p = design.ColumnCount;
        if (design.RowCount != n) throw new ArgumentException($"{design.RowCount} design rows for {n} patients.", nameof(design));
        if (p == 0) throw new PredictorInputException("A Cox model needs at least one covariate.");
        int events = outcome.EventCount;
        if (events == 0) throw new PredictorInputException($"No events in '{outcome.TimeColumn}' follow-up: a Cox model cannot be fitted without deaths.");

        var means = design.ColumnMeans();
        var x = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < p; a++) x[i, a] = design[i, a] - means[a];
        }
        var sets = new RiskSets(outcome);
        IPartialLikelihood likelihood = options.Ties == TieMethod.Exact
            ? new ExactLikelihood(x, sets)
            : new ApproximateLikelihood(x, sets, options.Ties);

        var beta = new double[p];
        var start = likelihood.Evaluate(beta);
        var startChol = new TolerantCholesky(start.Information, options.CholeskyTolerance);
        RejectCollinear(startChol, design);
        double scoreTest = startChol.QuadraticForm(start.Score);

        var current = start;
        var currentChol = startChol;
        var step = currentChol.Solve(current.Score);
        var trial = Add(beta, step);
        bool halving = false, converged = false;
        int iteration = 0;
        LikelihoodPoint at = current;
        while (iteration < options.MaxIterations)
        {
            iteration++;
            at = likelihood.Evaluate(trial);
            if (!halving && Math.Abs(1 - current.LogLikelihood / at.LogLikelihood) <= options.Epsilon)
            {
                beta = trial;
                converged = true;
                break;
            }
            if (double.IsNaN(at.LogLikelihood) || at.LogLikelihood < current.LogLikelihood)
            {
                // A step that lowers the likelihood overshot: retreat halfway towards the last good point.
                halving = true;
                for (int a = 0; a < p; a++) trial[a] = (trial[a] + beta[a]) / 2;
                continue;
            }
            halving = false;
            current = at;
            beta = trial;
            currentChol = new TolerantCholesky(at.Information, options.CholeskyTolerance);
            trial = Add(beta, currentChol.Solve(at.Score));
        }
        if (!converged)
        {
            beta = trial;
            at = likelihood.Evaluate(beta);
        }

        var finalChol = new TolerantCholesky(at.Information, options.CholeskyTolerance);
        var variance = finalChol.Inverse();
        var warnings = new List<string>();
        if (!converged)
            warnings.Add($"Ran out of iterations ({options.MaxIterations}) and did not converge; the estimates are unreliable.");
        for (int a = 0; a < p; a++)
        {
            // R's test for a likelihood that keeps rising as a coefficient runs off to infinity (separation).
            double drift = 0;
            for (int b = 0; b < p; b++) drift += at.Score[b] * variance[b, a];
            if (Math.Abs(drift) > options.InfiniteTolerance * (1 + Math.Abs(beta[a])) || finalChol.IsSingular(a))
                warnings.Add($"Log-likelihood converged before covariate '{design.ColumnNames[a]}'; its coefficient may be infinite (complete separation?).");
        }

        var linear = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < p; a++) linear[i] += x[i, a] * beta[a];
        }
        var coefficients = Enumerable.Range(0, p)
            .Select(a => new CoxCoefficient(design.ColumnNames[a], beta[a], Math.Sqrt(variance[a, a]), options.ConfidenceLevel))
            .ToArray();
        var concordance = Concordance.Compute(outcome.Times, outcome.Events, linear);
        return new CoxResult(coefficients, variance, start.LogLikelihood, at.LogLikelihood, scoreTest, n, events, iteration,
            options.Ties, concordance, linear, means, warnings);
    }

    private static void RejectCollinear(TolerantCholesky chol, DesignMatrix design)
    {
        var dependent = Enumerable.Range(0, design.ColumnCount).Where(chol.IsSingular).Select(a => "'" + design.ColumnNames[a] + "'").ToArray();
        if (dependent.Length > 0)
            throw new PredictorInputException(string.Format(CultureInfo.InvariantCulture,
                "Covariate(s) {0} are linear combinations of the other covariates (collinear) among the patients with events; remove them from the model.",
                string.Join(", ", dependent)));
    }

    private static double[] Add(double[] a, double[] b)
    {
        var sum = new double[a.Length];
        for (int i = 0; i < a.Length; i++) sum[i] = a[i] + b[i];
        return sum;
    }
}
