namespace Predictor.Training.SampleSize;

/// <summary>
/// Anticipated Cox-Snell R² from a C-statistic, following Riley, Van Calster &amp; Collins (Stat Med 2021), which
/// pmsampsize's <c>cstatistic</c> option implements: assume the linear predictor is normal with unit variance in both
/// outcome groups, means √2·Φ⁻¹(C) apart (which gives AUC = C), so that the true model is a logistic regression on it.
/// pmsampsize simulates a million patients to get the likelihood ratio; here the expectation is integrated numerically,
/// which is the limit that simulation approximates.
/// </summary>
public static class CoxSnellFromCStatistic
{
    public static double Compute(double cStatistic, double prevalence)
    {
        if (cStatistic is <= 0.5 or >= 1) throw new ArgumentOutOfRangeException(nameof(cStatistic), "The C-statistic must be in (0.5, 1).");
        if (prevalence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(prevalence), "The prevalence must be in (0, 1).");
        double mu = Math.Sqrt(2) * NormalQuantile(cStatistic);
        double offset = Math.Log(prevalence / (1 - prevalence)) - mu * mu / 2;
        // E over the mixture of [y·η − log(1 + e^η)], η = offset + μ·x, x ~ N(0,1) in controls and N(μ,1) in cases.
        double expected = 0;
        const double step = 0.001;
        for (double z = -10; z <= 10; z += step)
        {
            double density = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * step;
            double etaControl = offset + mu * z;
            double etaCase = offset + mu * (z + mu);
            expected += density * ((1 - prevalence) * -Softplus(etaControl) + prevalence * (etaCase - Softplus(etaCase)));
        }
        double nullLogLikelihood = prevalence * Math.Log(prevalence) + (1 - prevalence) * Math.Log(1 - prevalence);
        return 1 - Math.Exp(-2 * (expected - nullLogLikelihood));
    }

    private static double Softplus(double x) => x > 0 ? x + double.LogP1(Math.Exp(-x)) : double.LogP1(Math.Exp(x));

    /// <summary>Φ⁻¹ by bisection on the error function: plenty fast for a one-off and free of approximation tables.</summary>
    internal static double NormalQuantile(double p)
    {
        double lo = -10, hi = 10;
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2;
            if (NormalCdf(mid) < p) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
