using Predictor.Survival.Data;
using Predictor.Survival.Numerics;

namespace Predictor.Survival.KaplanMeier;

/// <summary>The Kaplan–Meier product-limit estimator with Greenwood standard errors (R's <c>survfit(Surv(t, e) ~ 1)</c>).</summary>
public static class KaplanMeierEstimator
{
    public static KaplanMeierCurve Fit(SurvivalData data, ConfidenceType confidenceType = ConfidenceType.Log, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("No patients to estimate survival for.", nameof(data));
        if (confidenceLevel <= 0 || confidenceLevel >= 1) throw new ArgumentOutOfRangeException(nameof(confidenceLevel));
        double z = Distributions.NormalQuantile(1 - (1 - confidenceLevel) / 2);

        var order = Enumerable.Range(0, data.Count).ToArray();
        var times = data.Times.ToArray();
        Array.Sort(times, order);
        var events = data.Events;

        var time = new List<double>();
        var atRisk = new List<int>();
        var died = new List<int>();
        var censored = new List<int>();
        var survival = new List<double>();
        var stdErr = new List<double>();
        var lower = new List<double>();
        var upper = new List<double>();

        int n = data.Count;
        double s = 1.0, greenwood = 0.0;
        for (int i = 0; i < n;)
        {
            double t = times[i];
            int d = 0, c = 0;
            int j = i;
            for (; j < n && times[j] == t; j++)
            {
                if (events[order[j]]) d++; else c++;
            }
            int risk = n - i;
            if (d > 0)
            {
                s *= (double)(risk - d) / risk;
                // The Greenwood term is infinite when everyone at risk dies; R then reports no interval.
                greenwood = risk > d ? greenwood + (double)d / ((double)risk * (risk - d)) : double.NaN;
            }
            double se = Math.Sqrt(greenwood);
            var (lo, hi) = ConfidenceBand.Limits(s, se, confidenceType, z);
            time.Add(t);
            atRisk.Add(risk);
            died.Add(d);
            censored.Add(c);
            survival.Add(s);
            stdErr.Add(se);
            lower.Add(lo);
            upper.Add(hi);
            i = j;
        }
        return new KaplanMeierCurve([.. time], [.. atRisk], [.. died], [.. censored], [.. survival], [.. stdErr], [.. lower], [.. upper], confidenceType, confidenceLevel);
    }

    /// <summary>One curve per group, in the grouping's level order.</summary>
    public static IReadOnlyList<KaplanMeierCurve> FitGroups(SurvivalData data, Grouping groups, ConfidenceType confidenceType = ConfidenceType.Log, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != data.Count) throw new ArgumentException("One group label per patient is required.", nameof(groups));
        return [.. Enumerable.Range(0, groups.Levels.Count).Select(g => Fit(data.Select(groups.Members(g)), confidenceType, confidenceLevel))];
    }
}
