namespace Predictor.Survival.Numerics;

/// <summary>
/// The few distribution functions survival statistics need (chi-square and normal tails, the normal quantile),
/// written out so that the survival library carries no package dependency.
/// </summary>
public static class Distributions
{
    /// <summary>The 97.5% normal quantile, used by every 95% interval.</summary>
    public const double Z975 = 1.959963984540054;

    /// <summary>P(X &gt; x) for X ~ chi-square with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double ChiSquareUpperTail(double x, int degreesOfFreedom)
    {
        if (degreesOfFreedom <= 0) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1.0;
        return Gamma.UpperRegularized(degreesOfFreedom / 2.0, x / 2.0);
    }

    /// <summary>Two-sided p-value of a standard normal statistic.</summary>
    public static double NormalTwoSided(double z) =>
        double.IsNaN(z) ? double.NaN : Gamma.UpperRegularized(0.5, z * z / 2.0);

    /// <summary>P(Z &lt;= z) for a standard normal Z.</summary>
    public static double NormalCdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        double tail = 0.5 * Gamma.UpperRegularized(0.5, z * z / 2.0);
        return z < 0 ? tail : 1.0 - tail;
    }

    /// <summary>
    /// The standard normal quantile: Acklam's rational approximation refined by one Halley step,
    /// accurate to about 1e-15 over (0, 1).
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0 || p >= 1 || double.IsNaN(p))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is required.");
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        // One Halley step against the exact CDF brings the approximation (1e-9) to double precision.
        double e = NormalCdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }
}
