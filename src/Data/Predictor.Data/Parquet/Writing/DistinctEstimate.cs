namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Projects how many distinct values a column chunk will have from how many a leading sample had, so the writer
/// can stop building a dictionary that will not pay without hashing the whole chunk. The model is the birthday
/// problem: n draws from a uniform domain of D values yield about D(1 - e^(-n/D)) distinct ones.
/// </summary>
internal static class DistinctEstimate
{
    /// <summary>Expected distinct values among <paramref name="total"/> when <paramref name="sampled"/> leading values held <paramref name="distinct"/>.</summary>
    public static double Project(int sampled, int distinct, int total)
    {
        if (distinct >= sampled) return total; // no repeat at all: as good as unique
        // D(1 - e^(-n/D)) grows with D toward n; bisect D on a log scale between the observed count and 10^12.
        double low = distinct, high = 1e12;
        for (int i = 0; i < 64; i++)
        {
            double middle = Math.Sqrt(low * high);
            if (Expected(middle, sampled) < distinct) low = middle;
            else high = middle;
        }
        return Math.Min(total, Expected(low, total));
    }

    private static double Expected(double domain, double draws) => domain * -double.ExpM1(-draws / domain);
}
