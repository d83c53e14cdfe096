using System.Runtime.CompilerServices;
using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// Scans a numeric feature's bins left to right. Each threshold is scored twice, once with the missing bin on each
/// side, so the missing direction is learned at every split. When the leaf saw no missing values, missing values go
/// to the larger child (by rows): the safest guess for values never seen in training.
/// </summary>
public static class NumericSplitFinder
{
    public static SplitCandidate? Find(int feature, ReadOnlySpan<BinStats> bins, in SplitContext context,
        LeafObjective objective, int monotone, double minGain)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var missing = bins[0];
        var values = context.Total - missing;
        int lastBin = bins.Length - 1;
        var best = new Best(minGain);
        var cumulative = default(BinStats);
        int minRows = objective.MinRows;
        for (int t = 1; t <= lastBin; t++)
        {
            cumulative += bins[t];
            if (bins[t].Count == 0 && t < lastBin) continue;
            // Thresholds whose sides cannot hold the fewest rows a leaf may have are skipped (left) or end the scan
            // (right only shrinks from here, and the last threshold's right side is the missing values): they are
            // exactly the candidates Consider would reject, so the result is unchanged and most of a small leaf's
            // bins cost one comparison.
            if (values.Count - cumulative.Count + missing.Count < minRows) break;
            if (cumulative.Count + missing.Count < minRows) continue;
            var rest = values - cumulative;
            if (t == lastBin)
            {
                // All values left, missing right: only meaningful when there are missing values.
                if (missing.Count > 0) Consider(ref best, cumulative, missing, false, t, context, objective, monotone);
                break;
            }
            if (missing.Count > 0)
            {
                Consider(ref best, cumulative + missing, rest, true, t, context, objective, monotone);
                Consider(ref best, cumulative, rest + missing, false, t, context, objective, monotone);
            }
            else
            {
                Consider(ref best, cumulative, rest, cumulative.Count >= rest.Count, t, context, objective, monotone);
            }
        }
        if (best.Threshold < 0) return null;
        var goesLeft = new bool[bins.Length];
        goesLeft[0] = best.DefaultLeft;
        for (int b = 1; b <= best.Threshold; b++) goesLeft[b] = true;
        return new SplitCandidate(feature, best.Gain, false, best.Threshold, goesLeft, best.Left, best.Right, best.LeftWeight, best.RightWeight);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(ref Best best, in BinStats left, in BinStats right, bool defaultLeft, int threshold,
        in SplitContext context, LeafObjective objective, int monotone)
    {
        if (!objective.IsAllowedLeaf(left) || !objective.IsAllowedLeaf(right)) return;
        double wl = objective.Weight(left, context.Bounds);
        double wr = objective.Weight(right, context.Bounds);
        // Left holds the smaller values: an increasing constraint needs wl <= wr.
        if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) return;
        double gain = objective.Score(left, wl) + objective.Score(right, wr) - context.ParentScore;
        if (gain <= best.Gain) return;
        best = new Best(best.MinGain)
        {
            Gain = gain, Threshold = threshold, DefaultLeft = defaultLeft, Left = left, Right = right, LeftWeight = wl, RightWeight = wr,
        };
    }

    private struct Best(double minGain)
    {
        public readonly double MinGain = minGain;
        public double Gain = minGain;
        public int Threshold = -1;
        public bool DefaultLeft;
        public BinStats Left;
        public BinStats Right;
        public double LeftWeight;
        public double RightWeight;
    }
}
