namespace Predictor.Survival.KaplanMeier;

/// <summary>Pointwise confidence limits for a survival probability from its Greenwood variance.</summary>
public static class ConfidenceBand
{
    /// <summary>
    /// The limits for survival <paramref name="survival"/> whose cumulative-hazard standard error is
    /// <paramref name="hazardStdErr"/> (R's <c>survfit()$std.err</c>). NaN where R prints NA.
    /// </summary>
    public static (double Lower, double Upper) Limits(double survival, double hazardStdErr, ConfidenceType type, double z)
    {
        if (hazardStdErr == 0) return (survival, survival);
        if (double.IsNaN(hazardStdErr)) return (double.NaN, double.NaN);
        switch (type)
        {
            case ConfidenceType.Log:
                if (survival <= 0) return (double.NaN, double.NaN);
                double log = Math.Log(survival);
                return (Math.Exp(log - z * hazardStdErr), Math.Min(1.0, Math.Exp(log + z * hazardStdErr)));
            case ConfidenceType.LogLog:
                if (survival <= 0 || survival >= 1) return (double.NaN, double.NaN);
                double loglog = Math.Log(-Math.Log(survival));
                double width = z * hazardStdErr / Math.Log(survival);
                return (Math.Exp(-Math.Exp(loglog - width)), Math.Exp(-Math.Exp(loglog + width)));
            case ConfidenceType.Plain:
                double se = z * hazardStdErr * survival;
                return (Math.Max(0.0, survival - se), Math.Min(1.0, survival + se));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
