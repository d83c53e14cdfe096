using Predictor.Survival.Cox;

namespace Predictor.Survival.Tests;

/// <summary>
/// The O(n log n) concordance against the definition counted pair by pair (R's printed values for real fits are
/// checked in <see cref="CoxModelTests"/>); ties in time, in risk and censoring at event times are made common on purpose.
/// </summary>
public class ConcordanceTests
{
    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 300)]
    [InlineData(3, 1000)]
    public void Matches_the_pairwise_definition_with_heavy_ties(int seed, int n)
    {
        var random = new Random(seed);
        var times = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 30)).ToArray();
        var events = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6).ToArray();
        var risk = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 8) / 4).ToArray();

        var fast = Concordance.Compute(times, events, risk);
        var (c, d, t, tiedTime, se) = Pairwise(times, events, risk);

        Assert.Equal(c, fast.Concordant);
        Assert.Equal(d, fast.Discordant);
        Assert.Equal(t, fast.TiedRisk);
        Assert.Equal(tiedTime, fast.TiedTime);
        Assert.Equal((c + 0.5 * t) / (c + d + t), fast.Value, 12);
        Assert.Equal(se, fast.StdErr, 12);
    }

    [Fact]
    public void Perfectly_ordered_risk_gives_one_and_reversed_gives_zero()
    {
        double[] times = [1, 2, 3, 4, 5];
        bool[] events = [true, true, true, true, false];
        Assert.Equal(1.0, Concordance.Compute(times, events, [5, 4, 3, 2, 1]).Value);
        Assert.Equal(0.0, Concordance.Compute(times, events, [1, 2, 3, 4, 5]).Value);
    }

    [Fact]
    public void No_comparable_pairs_gives_NaN()
    {
        var result = Concordance.Compute([1.0, 2.0], [false, false], [0.3, 0.1]);
        Assert.True(double.IsNaN(result.Value));
    }

    private static (double C, double D, double T, double TiedTime, double StdErr) Pairwise(double[] times, bool[] events, double[] risk)
    {
        int n = times.Length;
        var c = new double[n];
        var d = new double[n];
        var t = new double[n];
        double tiedTime = 0;
        for (int i = 0; i < n; i++)
        {
            if (!events[i]) continue;
            for (int j = 0; j < n; j++)
            {
                if (j == i || times[j] < times[i]) continue;
                if (times[j] == times[i] && events[j]) { if (j > i) tiedTime++; continue; }
                if (risk[i] > risk[j]) { c[i]++; c[j]++; }
                else if (risk[i] < risk[j]) { d[i]++; d[j]++; }
                else { t[i]++; t[j]++; }
            }
        }
        double concordant = c.Sum() / 2, discordant = d.Sum() / 2, tied = t.Sum() / 2, pairs = concordant + discordant + tied;
        double somers = (concordant - discordant) / pairs, variance = 0;
        for (int i = 0; i < n; i++)
        {
            double influence = ((c[i] - d[i]) - somers * (c[i] + d[i] + t[i])) / pairs;
            variance += influence * influence;
        }
        return (concordant, discordant, tied, tiedTime, Math.Sqrt(variance) / 2);
    }
}
