using Predictor.Survival.Data;
using Predictor.Survival.Numerics;

namespace Predictor.Survival.Comparison;

/// <summary>
/// The G-rho family of tests of Harrington and Fleming, as R's <c>survdiff</c>: each event time is weighted by
/// S(t−)^rho, S being the pooled Kaplan–Meier estimate. rho = 0 is the log-rank test, rho = 1 the Peto–Peto
/// modification of the Gehan–Wilcoxon test.
/// </summary>
public static class LogRankTest
{
    public static LogRankResult Compute(SurvivalData data, Grouping groups, double rho = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != data.Count) throw new ArgumentException("One group label per patient is required.", nameof(groups));
        if (rho < 0 || !double.IsFinite(rho)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be finite and not negative.");

        int n = data.Count, k = groups.Levels.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var times = data.Times.ToArray();
        Array.Sort(times, order);
        var codes = groups.Codes;
        var events = data.Events;

        var atRisk = groups.Sizes().Select(s => (double)s).ToArray();
        var observed = new double[k];
        var expected = new double[k];
        var variance = new double[k, k];
        var deathsByGroup = new double[k];
        var leaving = new double[k];
        double km = 1.0;
        for (int i = 0; i < n;)
        {
            double t = times[i];
            Array.Clear(deathsByGroup);
            Array.Clear(leaving);
            int j = i;
            for (; j < n && times[j] == t; j++)
            {
                int g = codes[order[j]];
                leaving[g]++;
                if (events[order[j]]) deathsByGroup[g]++;
            }
            double deaths = deathsByGroup.Sum();
            double risk = n - i;
            if (deaths > 0)
            {
                double w = rho == 0 ? 1.0 : Math.Pow(km, rho);
                for (int g = 0; g < k; g++)
                {
                    observed[g] += w * deathsByGroup[g];
                    expected[g] += w * deaths * atRisk[g] / risk;
                }
                if (risk > 1)
                {
                    double kk = w * w * deaths * (risk - deaths) / (risk * (risk - 1));
                    for (int a = 0; a < k; a++)
                    {
                        variance[a, a] += kk * atRisk[a];
                        for (int b = 0; b < k; b++) variance[a, b] -= kk * atRisk[a] * atRisk[b] / risk;
                    }
                }
                km *= (risk - deaths) / risk;
            }
            for (int g = 0; g < k; g++) atRisk[g] -= leaving[g];
            i = j;
        }

        // As survdiff: groups with no expected events drop out, and so does the first remaining one (the sum of O − E is 0).
        var used = Enumerable.Range(0, k).Where(g => expected[g] > 0).ToArray();
        var kept = used.Skip(1).ToArray();
        var v = new double[kept.Length, kept.Length];
        var diff = new double[kept.Length];
        for (int a = 0; a < kept.Length; a++)
        {
            diff[a] = observed[kept[a]] - expected[kept[a]];
            for (int b = 0; b < kept.Length; b++) v[a, b] = variance[kept[a], kept[b]];
        }
        var chol = new TolerantCholesky(v);
        double chi = kept.Length == 0 ? 0 : chol.QuadraticForm(diff);
        int df = chol.Rank;
        var sizes = groups.Sizes();
        var rows = Enumerable.Range(0, k)
            .Select(g => new LogRankGroup(groups.Levels[g], sizes[g], observed[g], expected[g], variance[g, g]))
            .ToArray();
        return new LogRankResult(rho, rows, chi, df, df == 0 ? double.NaN : Distributions.ChiSquareUpperTail(chi, df));
    }
}
