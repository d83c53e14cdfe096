namespace Predictor.Survival.KaplanMeier;

/// <summary>
/// A Kaplan–Meier survival curve with one point per distinct follow-up time (event or censoring), as R's
/// <c>survfit</c> stores it: numbers at risk, events and censorings, survival, its Greenwood standard error and
/// pointwise confidence limits.
/// </summary>
public sealed class KaplanMeierCurve
{
    internal KaplanMeierCurve(
        double[] time, int[] atRisk, int[] events, int[] censored, double[] survival, double[] hazardStdErr,
        double[] lower, double[] upper, ConfidenceType confidenceType, double confidenceLevel)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Survival = survival;
        HazardStdErr = hazardStdErr;
        Lower = lower;
        Upper = upper;
        ConfidenceType = confidenceType;
        ConfidenceLevel = confidenceLevel;
        Count = atRisk.Length == 0 ? 0 : atRisk[0];
        TotalEvents = events.Sum();
    }

    public IReadOnlyList<double> Time { get; }

    public IReadOnlyList<int> AtRisk { get; }

    public IReadOnlyList<int> Events { get; }

    public IReadOnlyList<int> Censored { get; }

    public IReadOnlyList<double> Survival { get; }

    /// <summary>Greenwood standard error of the cumulative hazard −log S (R's <c>survfit()$std.err</c>).</summary>
    public IReadOnlyList<double> HazardStdErr { get; }

    public IReadOnlyList<double> Lower { get; }

    public IReadOnlyList<double> Upper { get; }

    public ConfidenceType ConfidenceType { get; }

    public double ConfidenceLevel { get; }

    /// <summary>Number of patients.</summary>
    public int Count { get; }

    public int TotalEvents { get; }

    /// <summary>Standard error of the survival probability itself (S · se(−log S)), as R's <c>summary()</c> prints it.</summary>
    public double StdErr(int point) => Survival[point] * HazardStdErr[point];

    /// <summary>Median survival with its confidence interval, as R's <c>print.survfit</c>.</summary>
    public SurvivalQuantile Median() => Quantile(0.5);

    /// <summary>The time by which a fraction 1 − <paramref name="survival"/> have had the event, with its interval.</summary>
    public SurvivalQuantile Quantile(double survival) => new(
        survival,
        CurveQuantile.Find(Time, Survival, survival),
        CurveQuantile.Find(Time, Lower, survival),
        CurveQuantile.Find(Time, Upper, survival));

    /// <summary>The curve read at chosen times, as R's <c>summary(fit, times = ...)</c>.</summary>
    public IReadOnlyList<SurvivalAtTime> At(IEnumerable<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var result = new List<SurvivalAtTime>();
        double previous = double.NegativeInfinity;
        int point = -1; // the last curve point at or before the requested time
        foreach (double t in times.Order())
        {
            int events = 0;
            while (point + 1 < Time.Count && Time[point + 1] <= t)
            {
                point++;
                if (Time[point] > previous) events += Events[point];
            }
            int atRisk = NumberAtRisk(t);
            if (point < 0)
                result.Add(new SurvivalAtTime(t, Count, 0, 1.0, 0.0, 1.0, 1.0));
            else
                result.Add(new SurvivalAtTime(t, atRisk, events, Survival[point], StdErr(point), Lower[point], Upper[point]));
            previous = t;
        }
        return result;
    }

    /// <summary>Number at risk at <paramref name="time"/>: patients whose follow-up reaches it.</summary>
    public int NumberAtRisk(double time)
    {
        for (int i = 0; i < Time.Count; i++)
        {
            if (Time[i] >= time) return AtRisk[i];
        }
        return 0;
    }
}

/// <summary>A survival quantile (usually the median) with its confidence limits; NaN where R prints NA (not reached).</summary>
public sealed record SurvivalQuantile(double Probability, double Estimate, double Lower, double Upper);

/// <summary>One row of R's <c>summary(fit, times = ...)</c>.</summary>
public sealed record SurvivalAtTime(double Time, int AtRisk, int Events, double Survival, double StdErr, double Lower, double Upper);
