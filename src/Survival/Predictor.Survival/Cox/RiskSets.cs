using Predictor.Survival.Data;

namespace Predictor.Survival.Cox;

/// <summary>
/// Patients ordered by decreasing follow-up time and cut into blocks of equal time, so that a single backward pass
/// can grow the risk set: when a block is reached, everyone in it and in earlier blocks is still at risk.
/// </summary>
internal sealed class RiskSets
{
    public RiskSets(SurvivalData data)
    {
        int n = data.Count;
        var times = data.Times.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        // Descending time; the stable sort keeps results independent of the input order within a time.
        Order = [.. order.OrderByDescending(i => times[i])];
        var blocks = new List<(int Start, int End)>();
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && times[Order[j]] == times[Order[i]]) j++;
            blocks.Add((i, j));
            i = j;
        }
        Blocks = [.. blocks];
        Times = times;
        Events = data.Events.ToArray();
    }

    /// <summary>Patient indices by decreasing time.</summary>
    public int[] Order { get; }

    /// <summary>[Start, End) ranges into <see cref="Order"/> of patients sharing a time, latest time first.</summary>
    public (int Start, int End)[] Blocks { get; }

    public double[] Times { get; }

    public bool[] Events { get; }
}
