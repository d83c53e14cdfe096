namespace Predictor.Survival.Cox;

/// <summary>Harrell's concordance with its standard error, and the pair counts behind it.</summary>
public sealed record ConcordanceResult(double Value, double StdErr, double Concordant, double Discordant, double TiedRisk, double TiedTime);

/// <summary>
/// Harrell's C as R's survival 3.x reports it for a Cox model: over comparable pairs (the shorter time is an event;
/// a patient censored at that same time still counts as at risk), the share where the higher risk score had the
/// earlier event, ties in the score counting one half, pairs of simultaneous events left out. The standard error is
/// the infinitesimal jackknife of Somers' d, halved.
/// </summary>
/// <remarks>
/// The jackknife needs every patient's own concordant, discordant and tied counts. Counting pairs one by one is
/// quadratic (hours at a million patients), so, like R's btree-based code, two sweeps over time count them with
/// Fenwick trees over the risk ranks in O(n log n): one credits each event against the patients still at risk after
/// it, the other credits each patient against the events before it.
/// </remarks>
public static class Concordance
{
    public static ConcordanceResult Compute(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, ReadOnlySpan<double> risk)
    {
        int n = times.Length;
        if (events.Length != n || risk.Length != n) throw new ArgumentException("times, events and risk must have one entry per patient.");
        var (ranks, distinctRisks) = RiskRanks(risk);
        var byTime = new int[n];
        for (int i = 0; i < n; i++) byTime[i] = i;
        var sortTimes = times.ToArray();
        Array.Sort(sortTimes, byTime);

        var c = new double[n];
        var d = new double[n];
        var t = new double[n];
        double tiedTime = 0;

        // Sweep 1, latest time first: each event i against everyone with a later time or censored at its time.
        var atRisk = new RankCounts(distinctRisks);
        for (int end = n; end > 0;)
        {
            int start = GroupStart(sortTimes, end);
            for (int k = start; k < end; k++) if (!events[byTime[k]]) atRisk.Add(ranks[byTime[k]]);
            long simultaneousEvents = 0;
            for (int k = start; k < end; k++)
            {
                int i = byTime[k];
                if (!events[i]) continue;
                simultaneousEvents++;
                var (lower, equal, higher) = atRisk.Split(ranks[i]);
                c[i] += lower;
                d[i] += higher;
                t[i] += equal;
            }
            for (int k = start; k < end; k++) if (events[byTime[k]]) atRisk.Add(ranks[byTime[k]]);
            tiedTime += simultaneousEvents * (simultaneousEvents - 1) / 2.0;
            end = start;
        }

        // Sweep 2, earliest time first: each patient j against the events before it (and, if j is censored, at its time).
        var earlierEvents = new RankCounts(distinctRisks);
        for (int start = 0; start < n;)
        {
            int end = GroupEnd(sortTimes, start);
            for (int k = start; k < end; k++) if (events[byTime[k]]) CreditLater(byTime[k]);
            for (int k = start; k < end; k++) if (events[byTime[k]]) earlierEvents.Add(ranks[byTime[k]]);
            for (int k = start; k < end; k++) if (!events[byTime[k]]) CreditLater(byTime[k]);
            start = end;
        }

        void CreditLater(int j)
        {
            var (lower, equal, higher) = earlierEvents.Split(ranks[j]);
            c[j] += higher;
            d[j] += lower;
            t[j] += equal;
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

    private static int GroupStart(double[] sortedTimes, int end)
    {
        int start = end - 1;
        while (start > 0 && sortedTimes[start - 1] == sortedTimes[end - 1]) start--;
        return start;
    }

    private static int GroupEnd(double[] sortedTimes, int start)
    {
        int end = start + 1;
        while (end < sortedTimes.Length && sortedTimes[end] == sortedTimes[start]) end++;
        return end;
    }

    /// <summary>Dense ranks of the risk scores (equal scores share a rank) and how many distinct scores there are.</summary>
    private static (int[] Ranks, int Distinct) RiskRanks(ReadOnlySpan<double> risk)
    {
        int n = risk.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var sorted = risk.ToArray();
        Array.Sort(sorted, order);
        var ranks = new int[n];
        int rank = -1;
        for (int k = 0; k < n; k++)
        {
            if (k == 0 || sorted[k] != sorted[k - 1]) rank++;
            ranks[order[k]] = rank;
        }
        return (ranks, rank + 1);
    }

    /// <summary>A Fenwick tree counting patients by risk rank.</summary>
    private sealed class RankCounts(int distinct)
    {
        private readonly long[] _tree = new long[distinct + 1];
        private long _total;

        public void Add(int rank)
        {
            _total++;
            for (int i = rank + 1; i < _tree.Length; i += i & -i) _tree[i]++;
        }

        /// <summary>How many counted patients have a lower, the same and a higher risk rank than <paramref name="rank"/>.</summary>
        public (long Lower, long Equal, long Higher) Split(int rank)
        {
            long lower = Prefix(rank), upToEqual = Prefix(rank + 1);
            return (lower, upToEqual - lower, _total - upToEqual);
        }

        private long Prefix(int count)
        {
            long sum = 0;
            for (int i = count; i > 0; i -= i & -i) sum += _tree[i];
            return sum;
        }
    }
}
