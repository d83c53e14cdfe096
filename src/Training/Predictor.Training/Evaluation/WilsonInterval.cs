namespace Predictor.Training.Evaluation;

/// <summary>
/// The Wilson score 95% interval of a proportion (Wilson 1927; Newcombe 1998, method 3): the proportions whose score
/// test at 5% does not reject the observed one. Unlike the Wald interval it stays inside [0, 1] and keeps close to its
/// nominal coverage when the count is small or the proportion near 0 or 1, as sensitivities and PPVs often are.
/// </summary>
public readonly record struct WilsonInterval(double Lower, double Upper)
{
    /// <summary>The standard normal 97.5th percentile.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>The interval for <paramref name="events"/> out of <paramref name="n"/>; undefined (NaN, NaN) when n is 0.</summary>
    public static WilsonInterval Compute(double events, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(events >= 0 && events <= n)) throw new ArgumentOutOfRangeException(nameof(events), $"{events} events out of {n} is not a proportion.");
        if (n == 0) return new WilsonInterval(double.NaN, double.NaN);
        double phat = events / n, z2 = Z * Z;
        double centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.Sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new WilsonInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
