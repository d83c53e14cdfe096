namespace Predictor.Calibration;

/// <summary>
/// Just enough survival analysis for calibration on large cohorts: a one-covariate Cox fit (Breslow ties) and a
/// Kaplan-Meier median. The product's full implementation lives in Predictor.Survival; this tool only needs the
/// marginal figures and must not depend on the training side.
/// </summary>
internal static class QuickCox
{
    public static double LogHazardRatio(double[] time, bool[] died, int?[] group)
    {
        var rows = Enumerable.Range(0, time.Length).Where(i => group[i].HasValue).OrderByDescending(i => time[i]).ToArray();
        double beta = 0;
        for (int iteration = 0; iteration < 25; iteration++)
        {
            double risk0 = 0, risk1 = 0, score = 0, information = 0, w = Math.Exp(beta);
            int k = 0;
            while (k < rows.Length)
            {
                // Add everyone tied at this time to the risk set, then score the tied deaths together (Breslow).
                double t = time[rows[k]];
                int deaths = 0, exposedDeaths = 0, start = k;
                for (; k < rows.Length && time[rows[k]] == t; k++)
                {
                    int x = group[rows[k]]!.Value;
                    risk0 += x == 1 ? w : 1;
                    risk1 += x == 1 ? w : 0;
                    if (died[rows[k]]) { deaths++; exposedDeaths += x; }
                }
                if (deaths == 0) continue;
                double p = risk1 / risk0;
                score += exposedDeaths - deaths * p;
                information += deaths * p * (1 - p);
                _ = start;
            }
            double step = score / information;
            beta += step;
            if (Math.Abs(step) < 1e-10) break;
        }
        return beta;
    }

    public static double Median(double[] time, bool[] died, int?[] group, int level)
    {
        var rows = Enumerable.Range(0, time.Length).Where(i => group[i] == level).OrderBy(i => time[i]).ToArray();
        double survival = 1;
        int atRisk = rows.Length, k = 0;
        while (k < rows.Length)
        {
            double t = time[rows[k]];
            int deaths = 0, leaving = 0;
            for (; k < rows.Length && time[rows[k]] == t; k++)
            {
                leaving++;
                if (died[rows[k]]) deaths++;
            }
            survival *= 1 - deaths / (double)atRisk;
            atRisk -= leaving;
            if (survival <= 0.5) return t;
        }
        return double.NaN;
    }
}
