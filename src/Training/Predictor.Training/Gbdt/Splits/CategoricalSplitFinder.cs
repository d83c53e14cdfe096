using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// Splits a categorical feature into two sets of levels. With few levels present, each level is tried alone against
/// the rest (one-vs-rest); with more, levels are sorted by their smoothed Newton ratio G/(H + smoothing) and every
/// prefix of that order is tried, the LightGBM approach that finds the optimal partition for convex losses without
/// enumerating 2^k subsets. Missing values are tried on both sides. Levels absent from the leaf are sent with the
/// missing values, so categories never seen at this node score like missing ones.
/// </summary>
public static class CategoricalSplitFinder
{
    public static SplitCandidate? Find(int feature, ReadOnlySpan<BinStats> bins, in SplitContext context,
        LeafObjective objective, int maxOneHotLevels, double smoothing, double minGain)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var missing = bins[0];
        var values = context.Total - missing;
        var present = new List<int>();
        for (int b = 1; b < bins.Length; b++)
        {
            if (bins[b].Count > 0) present.Add(b);
        }
        if (present.Count < 2) return null;

        double bestGain = minGain;
        int[]? bestLeftSet = null;
        bool bestDefaultLeft = false;
        BinStats bestLeft = default, bestRight = default;
        double bestWl = 0, bestWr = 0;

        void Consider(BinStats left, BinStats right, bool defaultLeft, ReadOnlySpan<int> leftSet, in SplitContext ctx)
        {
            if (!objective.IsAllowedLeaf(left) || !objective.IsAllowedLeaf(right)) return;
            double wl = objective.Weight(left, ctx.Bounds);
            double wr = objective.Weight(right, ctx.Bounds);
            double gain = objective.Score(left, wl) + objective.Score(right, wr) - ctx.ParentScore;
            if (gain <= bestGain) return;
            bestGain = gain;
            bestLeftSet = leftSet.ToArray();
            bestDefaultLeft = defaultLeft;
            (bestLeft, bestRight, bestWl, bestWr) = (left, right, wl, wr);
        }

        void ConsiderBothMissingSides(BinStats left, ReadOnlySpan<int> leftSet, in SplitContext ctx)
        {
            var right = values - left;
            if (missing.Count > 0)
            {
                Consider(left + missing, right, true, leftSet, ctx);
                Consider(left, right + missing, false, leftSet, ctx);
            }
            else
            {
                Consider(left, right, left.Count >= right.Count, leftSet, ctx);
            }
        }

        if (present.Count <= maxOneHotLevels)
        {
            foreach (int b in present) ConsiderBothMissingSides(bins[b], [b], context);
        }
        else
        {
            var stats = bins.ToArray();
            var order = present.ToArray();
            // Stable order: ties keep level order, so the model does not depend on sort internals.
            Array.Sort(order, (x, y) =>
            {
                int byKey = (stats[x].Gradient / (stats[x].Hessian + smoothing)).CompareTo(stats[y].Gradient / (stats[y].Hessian + smoothing));
                return byKey != 0 ? byKey : x.CompareTo(y);
            });
            var left = default(BinStats);
            for (int k = 0; k + 1 < order.Length; k++)
            {
                left += stats[order[k]];
                ConsiderBothMissingSides(left, order.AsSpan(0, k + 1), context);
            }
        }

        if (bestLeftSet is null) return null;
        var goesLeft = new bool[bins.Length];
        goesLeft[0] = bestDefaultLeft;
        for (int b = 1; b < bins.Length; b++)
        {
            if (bins[b].Count == 0) goesLeft[b] = bestDefaultLeft;
        }
        foreach (int b in bestLeftSet) goesLeft[b] = true;
        return new SplitCandidate(feature, bestGain, true, -1, goesLeft, bestLeft, bestRight, bestWl, bestWr);
    }
}
