namespace Predictor.Survival.Cox;

/// <summary>Harrell's concordance with its standard error, and the pair counts behind it.</summary>
public sealed record ConcordanceResult(double Value, double StdErr, double Concordant, double Discordant, double TiedRisk, double TiedTime);

/// <summary>
/// Harrell's C as R's survival 3.x reports it for a Cox model: over comparable pairs (the shorter time is an event;
/// a patient censored at that same time still counts as at risk), the share where the higher risk score had the
/// earlier event, ties in the score counting one half, pairs of simultaneous events left out. The standard error is
/// the infinitesimal jackknife of Somers' d, halved.
/// </summary>
public static class Concordance
{
    public static ConcordanceResult Compute(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, ReadOnlySpan<double> risk)
    {
        int n = times.Length;
        if (events.Length != n || risk.Length != n) throw new ArgumentException("times, events and risk must have one entry per patient.");
        var c = new double[n];
        var d = new double[n];
        var t = new double[n];
        double tiedTime = 0;
        for (int i = 0; i < n; i++)
        {
            if (!events[i]) continue;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                if (times[j] < times[i]) continue;
                if (times[j] == times[i])
                {
                    if (events[j]) { if (j > i) tiedTime++; continue; }
                }
                if (risk[i] > risk[j]) { c[i]++; c[j]++; }
                else if (risk[i] < risk[j]) { d[i]++; d[j]++; }
                else { t[i]++; t[j]++; }
            }
        }
        // Each pair was credited to both members.
        double concordant = c.Sum() / 2, discordant = d.Sum() / 2, tied = t.Sum() / 2;
        double pairs = concordant + discordant + tied;
        if (pairs == 0) return new ConcordanceResult(double.NaN, double.NaN, 0, 0, 0, tiedTime);
        double somers = (concordant - discordant) / pairs;
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            double influence = ((c[i] - d[i]) - somers * (c[i] + d[i] + t[i])) / pairs;
            variance += influence * influence;
        }
        return new ConcordanceResult((somers + 1) / 2, Math.Sqrt(variance) / 2, concordant, discordant, tied, tiedTime);
    }
}
