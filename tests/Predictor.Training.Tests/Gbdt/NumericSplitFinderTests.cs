using Predictor.Training.Gbdt.Histograms;
using Predictor.Training.Gbdt.Splits;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>
/// The split finder lists candidates and scores them four at a time; this checks it against the plain scan it
/// replaced (every threshold, both missing directions, scored one by one with <see cref="LeafObjective"/>), bit for
/// bit, on random histograms with and without missing values, L1, L2, leaf bounds and monotone constraints.
/// </summary>
public class NumericSplitFinderTests
{
    [Theory]
    [InlineData(1, 0.0, 0.0, 1, 0)]
    [InlineData(2, 1.0, 0.0, 10, 0)]
    [InlineData(3, 10.0, 0.5, 5, 1)]
    [InlineData(4, 0.0, 0.2, 20, -1)]
    [InlineData(5, 1.0, 0.0, 3, 1)]
    public void The_vector_scored_split_is_the_one_a_threshold_by_threshold_scan_finds(int seed, double l2, double l1, int minRows, int monotone)
    {
        var random = new Random(seed);
        var objective = new LeafObjective(l1, l2, minRows, 0.5);
        for (int trial = 0; trial < 200; trial++)
        {
            int binCount = 2 + random.Next(255);
            var bins = new BinStats[binCount];
            bool withMissing = random.NextDouble() < 0.6;
            for (int b = 0; b < binCount; b++)
            {
                // Many empty bins, as in a small leaf; the missing bin only sometimes used.
                int rows = (b == 0 && !withMissing) || random.NextDouble() < 0.4 ? 0 : random.Next(1, 30);
                double hessian = rows * (0.05 + (0.2 * random.NextDouble()));
                bins[b] = new BinStats(rows * (random.NextDouble() - 0.45), hessian, rows);
            }
            var total = default(BinStats);
            foreach (var bin in bins) total += bin;
            var bounds = trial % 3 == 0 ? new LeafBounds(-0.3 * random.NextDouble(), 0.3 * random.NextDouble()) : LeafBounds.Unbounded;
            var context = SplitContext.For(total, bounds, objective);

            var found = NumericSplitFinder.Find(7, bins, context, objective, monotone, 1e-10);
            var expected = Reference(bins, context, objective, monotone, 1e-10);
            if (expected is null)
            {
                Assert.Null(found);
                continue;
            }
            Assert.NotNull(found);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value.Gain), BitConverter.DoubleToInt64Bits(found.Gain));
            Assert.Equal(expected.Value.Threshold, found.ThresholdBin);
            Assert.Equal(expected.Value.DefaultLeft, found.DefaultLeft);
            Assert.Equal(expected.Value.Left.Count, found.Left.Count);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value.Left.Gradient), BitConverter.DoubleToInt64Bits(found.Left.Gradient));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value.Right.Hessian), BitConverter.DoubleToInt64Bits(found.Right.Hessian));
            Assert.Equal(BitConverter.DoubleToInt64Bits(objective.Weight(expected.Value.Left, bounds)), BitConverter.DoubleToInt64Bits(found.LeftWeight));
            Assert.Equal(7, found.Feature);
        }
    }

    /// <summary>The scan as it was before candidates were scored in vectors.</summary>
    private static (double Gain, int Threshold, bool DefaultLeft, BinStats Left, BinStats Right)? Reference(
        BinStats[] bins, SplitContext context, LeafObjective objective, int monotone, double minGain)
    {
        var missing = bins[0];
        var values = context.Total - missing;
        int lastBin = bins.Length - 1;
        (double Gain, int Threshold, bool DefaultLeft, BinStats Left, BinStats Right)? best = null;
        double bestGain = minGain;
        void Consider(BinStats left, BinStats right, bool defaultLeft, int t)
        {
            if (!objective.IsAllowedLeaf(left) || !objective.IsAllowedLeaf(right)) return;
            double wl = objective.Weight(left, context.Bounds), wr = objective.Weight(right, context.Bounds);
            if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) return;
            double gain = objective.Score(left, wl) + objective.Score(right, wr) - context.ParentScore;
            if (gain <= bestGain) return;
            bestGain = gain;
            best = (gain, t, defaultLeft, left, right);
        }
        var cumulative = default(BinStats);
        for (int t = 1; t <= lastBin; t++)
        {
            cumulative += bins[t];
            if (bins[t].Count == 0 && t < lastBin) continue;
            var rest = values - cumulative;
            if (t == lastBin)
            {
                if (missing.Count > 0) Consider(cumulative, missing, false, t);
                break;
            }
            if (missing.Count > 0)
            {
                Consider(cumulative + missing, rest, true, t);
                Consider(cumulative, rest + missing, false, t);
            }
            else
            {
                Consider(cumulative, rest, cumulative.Count >= rest.Count, t);
            }
        }
        return best;
    }
}
