namespace Predictor.Survival.Comparison;

/// <summary>One group's line of R's <c>survdiff</c> table (observed and expected are weighted when rho ≠ 0).</summary>
public sealed record LogRankGroup(string Level, int Count, double Observed, double Expected, double Variance)
{
    /// <summary>(O − E)² / E.</summary>
    public double ChiSquareByExpected => (Observed - Expected) * (Observed - Expected) / Expected;

    /// <summary>(O − E)² / V, with V this group's diagonal variance.</summary>
    public double ChiSquareByVariance => (Observed - Expected) * (Observed - Expected) / Variance;
}

/// <summary>The result of a G-rho family test of equal survival across groups (R's <c>survdiff</c>).</summary>
public sealed record LogRankResult(double Rho, IReadOnlyList<LogRankGroup> Groups, double ChiSquare, int DegreesOfFreedom, double PValue)
{
    /// <summary>"log-rank" for rho = 0, "Peto-Peto" for rho = 1, otherwise "G-rho (rho = …)".</summary>
    public string TestName => Rho switch
    {
        0 => "log-rank",
        1 => "Peto-Peto",
        _ => "G-rho (rho = " + Rho.ToString("G", System.Globalization.CultureInfo.InvariantCulture) + ")",
    };
}
