namespace Predictor.Training.SampleSize;

/// <summary>
/// Riley et al. (BMJ 2020) minimum sample size for a binary-outcome prediction model, as R's pmsampsize reports it.
/// </summary>
/// <param name="Parameters">Candidate predictor parameters (after one-hot encoding).</param>
/// <param name="Prevalence">Anticipated outcome prevalence.</param>
/// <param name="CoxSnellR2">Anticipated Cox-Snell R².</param>
/// <param name="MaxR2">Largest Cox-Snell R² possible at this prevalence.</param>
/// <param name="Criterion1">Rows for expected shrinkage of at least 0.9.</param>
/// <param name="Criterion2">Rows for at most 0.05 optimism in Nagelkerke R².</param>
/// <param name="Criterion3">Rows to estimate the overall risk within ±0.05.</param>
/// <param name="Shrinkage">Expected shrinkage at the final size.</param>
public sealed record SampleSizeRequirement(int Parameters, double Prevalence, double CoxSnellR2, double MaxR2,
    int Criterion1, int Criterion2, int Criterion3, double Shrinkage)
{
    public int Required => Math.Max(Criterion1, Math.Max(Criterion2, Criterion3));

    public double EventsPerParameter => Required * Prevalence / Parameters;

    /// <summary>pmsampsize's binary criteria with its defaults (shrinkage 0.9, R² difference 0.05, margin of error 0.05).</summary>
    public static SampleSizeRequirement Compute(int parameters, double prevalence, double coxSnellR2, double shrinkage = 0.9,
        double r2Difference = 0.05, double marginOfError = 0.05)
    {
        if (parameters < 1) throw new ArgumentOutOfRangeException(nameof(parameters), "At least one candidate parameter is needed.");
        if (prevalence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(prevalence), "The prevalence must be in (0, 1).");
        double nullLogLikelihood = prevalence * Math.Log(prevalence) + (1 - prevalence) * Math.Log(1 - prevalence);
        double maxR2 = 1 - Math.Exp(2 * nullLogLikelihood);
        if (coxSnellR2 <= 0 || coxSnellR2 >= maxR2)
            throw new ArgumentOutOfRangeException(nameof(coxSnellR2), $"The Cox-Snell R² must be in (0, {maxR2:0.###}).");
        int n1 = (int)Math.Ceiling(parameters / ((shrinkage - 1) * Math.Log(1 - coxSnellR2 / shrinkage)));
        double s2 = coxSnellR2 / (coxSnellR2 + r2Difference * maxR2);
        int n2 = (int)Math.Ceiling(parameters / ((s2 - 1) * Math.Log(1 - coxSnellR2 / s2)));
        int n3 = (int)Math.Ceiling(Math.Pow(1.959963984540054 / marginOfError, 2) * prevalence * (1 - prevalence));
        double finalShrinkage = n2 > n1 ? s2 : shrinkage;
        return new SampleSizeRequirement(parameters, prevalence, coxSnellR2, maxR2, n1, n2, n3, finalShrinkage);
    }
}
