using Predictor.Survival.Data;
using Predictor.Survival.Design;
using Predictor.Survival.KaplanMeier;
using Predictor.Survival.Numerics;

namespace Predictor.Survival.Cox;

/// <summary>The time scale on which proportional hazards are tested (R's <c>cox.zph(transform = ...)</c>).</summary>
public enum TimeTransform
{
    /// <summary>1 − KM(t−): R's default, robust to outlying times.</summary>
    KaplanMeier,
    Identity,
    /// <summary>Ranks of all follow-up times (censored included), as R ranks them.</summary>
    Rank,
    Log,
}

/// <summary>One line of the <c>cox.zph</c> table: a covariate (or the GLOBAL test) with its chi-square.</summary>
public sealed record ProportionalHazardsLine(string Term, double ChiSquare, int DegreesOfFreedom)
{
    public double PValue => Distributions.ChiSquareUpperTail(ChiSquare, DegreesOfFreedom);
}

/// <summary>The proportional-hazards check of a fitted Cox model: one line per covariate and a global test.</summary>
public sealed record ProportionalHazardsResult(TimeTransform Transform, IReadOnlyList<ProportionalHazardsLine> Terms, ProportionalHazardsLine Global);

/// <summary>
/// The test of proportional hazards from scaled Schoenfeld residuals, as R's survival 3.x <c>cox.zph</c> computes
/// it: each covariate x gains a companion x·g(t), g the transformed event time centred on its mean over events, and
/// a score test asks whether the companions' coefficients are zero, with the model's own coefficients held at their
/// estimates. A term's test uses the full information matrix of the original coefficients and its companions.
/// </summary>
public static class ProportionalHazardsTest
{
    public static ProportionalHazardsResult Compute(SurvivalData outcome, DesignMatrix design, CoxResult fit, TimeTransform transform = TimeTransform.KaplanMeier)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.Ties == TieMethod.Exact)
            throw new NotSupportedException("The proportional-hazards test is implemented for Efron and Breslow fits; refit with --ties efron to check proportional hazards.");
        int n = outcome.Count, p = design.ColumnCount;
        var x = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < p; a++) x[i, a] = design[i, a] - fit.Means[a];
        }
        var beta = fit.Coefficients.Select(c => c.Coefficient).ToArray();
        var contributions = new ApproximateLikelihood(x, new RiskSets(outcome), fit.Ties).Contributions(beta);

        var g = TransformedTimes(outcome, contributions, transform);
        var u = new double[2 * p];
        var info = new double[2 * p, 2 * p];
        for (int t = 0; t < contributions.Count; t++)
        {
            var c = contributions[t];
            for (int a = 0; a < p; a++)
            {
                u[p + a] += g[t] * c.Residual[a];
                for (int b = 0; b < p; b++)
                {
                    double v = c.Information[a, b];
                    info[a, b] += v;
                    info[a, p + b] += g[t] * v;
                    info[p + a, b] += g[t] * v;
                    info[p + a, p + b] += g[t] * g[t] * v;
                }
            }
        }

        var lines = design.Terms
            .Select(term => new ProportionalHazardsLine(term.Name, ScoreTest(u, info, [.. Enumerable.Range(0, p), .. term.Columns.Select(c => p + c)]), term.Columns.Count))
            .ToArray();
        var global = new ProportionalHazardsLine("GLOBAL", ScoreTest(u, info, [.. Enumerable.Range(0, 2 * p)]), p);
        return new ProportionalHazardsResult(transform, lines, global);
    }

    /// <summary>g(t) per distinct event time, centred on its mean over all events (ties counted once each).</summary>
    private static double[] TransformedTimes(SurvivalData outcome, List<EventTimeContribution> contributions, TimeTransform transform)
    {
        int m = contributions.Count;
        var g = new double[m];
        switch (transform)
        {
            case TimeTransform.Identity:
                for (int t = 0; t < m; t++) g[t] = contributions[t].Time;
                break;
            case TimeTransform.Log:
                for (int t = 0; t < m; t++) g[t] = Math.Log(contributions[t].Time);
                break;
            case TimeTransform.Rank:
                // R ranks every follow-up time, censored ones included, ties sharing their mean position (rank()).
                var sorted = outcome.Times.ToArray();
                Array.Sort(sorted);
                for (int t = 0; t < m; t++)
                {
                    double time = contributions[t].Time;
                    int below = LowerBound(sorted, time), through = UpperBound(sorted, time);
                    g[t] = below + (through - below + 1) / 2.0;
                }
                break;
            case TimeTransform.KaplanMeier:
                var curve = KaplanMeierEstimator.Fit(outcome);
                for (int t = 0; t < m; t++)
                {
                    // Left-continuous: survival just before the event time.
                    double s = 1.0;
                    for (int k = 0; k < curve.Time.Count && curve.Time[k] < contributions[t].Time; k++) s = curve.Survival[k];
                    g[t] = 1 - s;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, null);
        }
        double total = 0;
        int events = 0;
        for (int t = 0; t < m; t++)
        {
            total += g[t] * contributions[t].Deaths;
            events += contributions[t].Deaths;
        }
        double mean = total / events;
        for (int t = 0; t < m; t++) g[t] -= mean;
        return g;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int i = Array.BinarySearch(sorted, value);
        if (i < 0) return ~i;
        while (i > 0 && sorted[i - 1] == value) i--;
        return i;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int i = Array.BinarySearch(sorted, value);
        if (i < 0) return ~i;
        while (i + 1 < sorted.Length && sorted[i + 1] == value) i++;
        return i + 1;
    }

    private static double ScoreTest(double[] u, double[,] info, int[] indices)
    {
        int k = indices.Length;
        var sub = new double[k, k];
        var v = new double[k];
        for (int a = 0; a < k; a++)
        {
            v[a] = u[indices[a]];
            for (int b = 0; b < k; b++) sub[a, b] = info[indices[a], indices[b]];
        }
        return new TolerantCholesky(sub).QuadraticForm(v);
    }
}
