using Predictor.Scoring.Compiled;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Tests;

/// <summary>
/// Properties of the binned batch path: on random ensembles with every awkward case (missing values and both default
/// directions, categorical splits with short and multi-word bitsets, unknown/negative/fractional codes, values exactly
/// at thresholds, ±0, subnormals, infinities, values far outside the thresholds) it scores every row bit for bit as
/// <see cref="TreeEnsemble.PredictRaw(ReadOnlySpan{double})"/>, and models it cannot bin fall back to the node walk.
/// </summary>
public class BinnedScoringTests
{
    private const string Binned = "binned blocks";

    /// <summary>Thresholds every numeric feature draws from: the edge cases, plus a few ordinary numbers.</summary>
    private static readonly double[] EdgeThresholds =
        [0.0, -0.0, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 1.5, -7.25, 300, 1e300, -1e300, double.PositiveInfinity, double.NegativeInfinity];

    [Theory]
    [InlineData(1, 1000, 12)]
    [InlineData(2, 777, 40)]
    [InlineData(3, 257, 3)]
    [InlineData(4, 31, 1)]
    [InlineData(5, 1500, 20)]
    public void Random_ensembles_score_bit_for_bit_like_the_reference(int seed, int rows, int maxLeaves)
    {
        var random = new Random(seed);
        var (model, pools) = RandomEnsemble(random, trees: 1 + random.Next(30), maxLeaves);
        var compiled = new CompiledEnsemble(model);
        if (BlockScorer.IsSupported) Assert.Equal(Binned, compiled.BatchPath);
        AssertSameScores(model, compiled, RandomRows(random, model, pools, rows));
    }

    [Fact]
    public void A_feature_with_too_many_thresholds_falls_back_to_the_node_walk_and_scores_the_same()
    {
        var random = new Random(9);
        var atLimit = ChainModel(ThresholdBins.MaxThresholds);
        var overLimit = ChainModel(ThresholdBins.MaxThresholds + 1);
        if (BlockScorer.IsSupported) Assert.Equal(Binned, new CompiledEnsemble(atLimit).BatchPath);
        Assert.StartsWith("node walk", new CompiledEnsemble(overLimit).BatchPath, StringComparison.Ordinal);
        Assert.NotNull(BinnedEnsemble.TryCreate(atLimit, out _));
        Assert.Null(BinnedEnsemble.TryCreate(overLimit, out string? reason));
        Assert.Contains("more than 254 distinct thresholds", reason, StringComparison.Ordinal);
        foreach (var model in new[] { atLimit, overLimit })
        {
            var rows = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? i / 2.0 : random.NextDouble() * 300 - 10).ToArray();
            rows[5] = double.NaN;
            AssertSameScores(model, new CompiledEnsemble(model), rows);
        }
    }

    [Fact]
    public void A_categorical_feature_with_more_than_255_levels_falls_back()
    {
        var levels = Enumerable.Range(0, 256).Select(i => $"l{i}").ToArray();
        var tree = new RegressionTree([0], [0], [true], [-1], [-2], [[ulong.MaxValue, 0, 0, 1UL << 63]], [1.0, 2.0]);
        var model = new TreeEnsemble([new ModelFeature("c", FeatureKind.Categorical, levels)], [tree], 0);
        var compiled = new CompiledEnsemble(model);
        Assert.StartsWith("node walk", compiled.BatchPath, StringComparison.Ordinal);
        Assert.Null(BinnedEnsemble.TryCreate(model, out string? reason));
        Assert.Contains("256 levels", reason, StringComparison.Ordinal);
        AssertSameScores(model, compiled, [0, 63, 64, 255, 256, double.NaN, -1, 0.5]);
    }

    [Fact]
    public void Bins_count_the_thresholds_strictly_below_a_value()
    {
        var thresholds = new[] { 3.0, -0.0, 0.0, 1.0, 3.0, double.Epsilon, double.NegativeInfinity, 2e10 };
        var bins = ThresholdBins.TryCreate(thresholds)!;
        Assert.Equal(6, bins.Count); // -0 and +0 are one threshold, 3 appears twice
        var distinct = new[] { double.NegativeInfinity, 0.0, double.Epsilon, 1.0, 3.0, 2e10 };
        foreach (double v in distinct.Concat([-1e308, -0.0, 0.5, 3.0000000000000004, 2e10, 3e10, double.PositiveInfinity, -double.Epsilon]))
            Assert.Equal(distinct.Count(t => t < v), bins.Bin(v));
        Assert.Equal(ThresholdBins.MissingBin, bins.Bin(double.NaN));
        Assert.Null(ThresholdBins.TryCreate([1.0, double.NaN]));
        Assert.Null(ThresholdBins.TryCreate(Enumerable.Range(0, 255).Select(i => (double)i)));
        var full = ThresholdBins.TryCreate(Enumerable.Range(0, 254).Select(i => i * 0.5))!;
        Assert.Equal(254, full.Bin(1e9));
        Assert.Equal(100, full.Bin(49.75));
        Assert.Equal(100, full.IndexOf(50));
    }

    [Fact]
    public void Random_threshold_sets_bin_every_value_exactly()
    {
        var random = new Random(21);
        for (int set = 0; set < 200; set++)
        {
            // Sets spread over many magnitudes, with edge values, clusters and duplicates.
            double spread = Math.Pow(10, random.Next(-320, 6));
            var thresholds = set % 2 == 0
                ? Enumerable.Range(0, 1 + random.Next(254)).Select(_ => random.Next(8) switch
                {
                    0 => EdgeThresholds[random.Next(EdgeThresholds.Length)],
                    1 => Math.Round(random.NextDouble() * 10, 1),
                    _ => (random.NextDouble() - 0.3) * spread,
                }).ToArray()
                : [.. Enumerable.Range(0, 1 + random.Next(230)).Select(_ => (random.NextDouble() - 0.3) * spread), -0.0, double.Epsilon, double.PositiveInfinity];
            if (set % 4 == 1)
            {
                // 8 to 10 thresholds squeezed together, within one search group or straddling two.
                double at = thresholds[0];
                thresholds = [.. thresholds, .. Enumerable.Range(1, 7 + random.Next(3)).Select(k => at + k * 1e-6 * Math.Abs(at))];
            }
            var bins = ThresholdBins.TryCreate(thresholds);
            if (bins is null) continue; // more than 254 distinct
            var distinct = thresholds.Distinct().ToArray(); // Distinct treats -0 and +0 as one, as the bins do
            var probes = thresholds.SelectMany(t => new[] { t, Math.BitIncrement(t), Math.BitDecrement(t), -t })
                .Concat([0.0, -0.0, double.Epsilon, double.NaN, double.MaxValue, double.NegativeInfinity, double.PositiveInfinity, 1e300, -1e300]);
            foreach (double v in probes)
                Assert.Equal(double.IsNaN(v) ? ThresholdBins.MissingBin : distinct.Count(t => t < v), bins.Bin(v));
        }
    }

    internal static void AssertSameScores(TreeEnsemble model, CompiledEnsemble compiled, double[] rowMajor)
    {
        int width = model.Features.Count, rows = rowMajor.Length / width;
        var columnMajor = new double[rowMajor.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < width; f++) columnMajor[f * rows + i] = rowMajor[i * width + f];
        }
        var byRows = new double[rows];
        var byColumns = new double[rows];
        compiled.PredictRaw(rowMajor, byRows);
        compiled.PredictRawColumns(columnMajor, byColumns);
        for (int i = 0; i < rows; i++)
        {
            long expected = BitConverter.DoubleToInt64Bits(model.PredictRaw(rowMajor.AsSpan(i * width, width)));
            Assert.True(expected == BitConverter.DoubleToInt64Bits(byRows[i]), $"row {i}: {BitConverter.Int64BitsToDouble(expected)} != {byRows[i]}");
            Assert.True(expected == BitConverter.DoubleToInt64Bits(byColumns[i]), $"row {i} (columns): {BitConverter.Int64BitsToDouble(expected)} != {byColumns[i]}");
        }
    }

    /// <summary>One tree that splits one feature at 0, 1, ..., count - 1 (a right-leaning chain).</summary>
    internal static TreeEnsemble ChainModel(int count)
    {
        var left = Enumerable.Range(0, count).Select(n => ~n).ToArray();
        var right = Enumerable.Range(0, count).Select(n => n + 1 < count ? n + 1 : ~count).ToArray();
        var tree = new RegressionTree(new int[count], [.. Enumerable.Range(0, count).Select(n => (double)n)],
            [.. Enumerable.Range(0, count).Select(n => n % 2 == 0)], left, right, new ulong[]?[count],
            [.. Enumerable.Range(0, count + 1).Select(l => l * 0.001 + 1.0 / 3)]);
        return new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric)], [tree], 0.1);
    }

    internal static (TreeEnsemble Model, double[][] Pools) RandomEnsemble(Random random, int trees, int maxLeaves)
    {
        int width = 1 + random.Next(8);
        var features = new ModelFeature[width];
        var pools = new double[width][];
        for (int f = 0; f < width; f++)
        {
            if (random.Next(3) == 0)
            {
                // Levels across the 64-bit word boundary, and bitsets both shorter and longer than the levels.
                int levels = new[] { 1, 2, 3, 63, 64, 65, 130, 255 }[random.Next(8)];
                features[f] = new ModelFeature($"c{f}", FeatureKind.Categorical, [.. Enumerable.Range(0, levels).Select(l => $"l{l}")]);
            }
            else
            {
                features[f] = new ModelFeature($"x{f}", FeatureKind.Numeric);
                pools[f] = [.. EdgeThresholds, .. Enumerable.Range(0, random.Next(60)).Select(_ => Math.Round(random.NextDouble() * 200 - 100, random.Next(4)))];
            }
        }
        var list = new List<RegressionTree>();
        for (int t = 0; t < trees; t++) list.Add(RandomTree(random, features, pools, 1 + random.Next(maxLeaves)));
        return (new TreeEnsemble(features, list, random.NextDouble() - 0.5), pools);
    }

    /// <summary>Grows a random shape by splitting random leaves; node numbers follow growth order, not pre-order.</summary>
    private static RegressionTree RandomTree(Random random, ModelFeature[] features, double[][] pools, int leaves)
    {
        if (leaves == 1) return RegressionTree.Constant(random.NextDouble());
        var left = new List<int>();
        var right = new List<int>();
        var open = new List<(int Node, bool Left)> { (-1, false) };
        while (open.Count < leaves)
        {
            int pick = random.Next(open.Count);
            var (parent, isLeft) = open[pick];
            open.RemoveAt(pick);
            int node = left.Count;
            left.Add(0);
            right.Add(0);
            if (parent >= 0) (isLeft ? left : right)[parent] = node;
            open.Add((node, true));
            open.Add((node, false));
        }
        var leafOrder = Enumerable.Range(0, open.Count).OrderBy(_ => random.Next()).ToArray();
        for (int i = 0; i < open.Count; i++) (open[i].Left ? left : right)[open[i].Node] = ~leafOrder[i];
        int nodes = left.Count;
        var feature = new int[nodes];
        var threshold = new double[nodes];
        var defaultLeft = new bool[nodes];
        var categories = new ulong[]?[nodes];
        for (int n = 0; n < nodes; n++)
        {
            feature[n] = random.Next(features.Length);
            defaultLeft[n] = random.Next(2) == 0;
            if (features[feature[n]].Kind == FeatureKind.Categorical)
            {
                int words = 1 + random.Next((features[feature[n]].Levels.Count + 63) / 64 + 1);
                categories[n] = [.. Enumerable.Range(0, words).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40))];
            }
            else
            {
                threshold[n] = pools[feature[n]][random.Next(pools[feature[n]].Length)];
            }
        }
        // Full-precision leaf values of mixed magnitudes, so any change in summation order would show in the last bits.
        var values = Enumerable.Range(0, leaves).Select(_ => (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 3))).ToArray();
        return new RegressionTree(feature, threshold, defaultLeft, [.. left], [.. right], categories, values);
    }

    internal static double[] RandomRows(Random random, TreeEnsemble model, double[][] pools, int rows)
    {
        int width = model.Features.Count;
        var values = new double[rows * width];
        for (int i = 0; i < values.Length; i++)
        {
            int f = i % width;
            var feature = model.Features[f];
            values[i] = feature.Kind == FeatureKind.Categorical
                ? random.Next(6) switch
                {
                    0 => double.NaN,
                    1 => new[] { -1, 0.5, -0.0, feature.Levels.Count, 255, 256, 1e9, double.PositiveInfinity }[random.Next(8)],
                    _ => random.Next(feature.Levels.Count),
                }
                : random.Next(6) switch
                {
                    0 => double.NaN,
                    1 or 2 => pools[f][random.Next(pools[f].Length)], // exactly at a threshold
                    3 => new[] { -0.0, 0.0, double.Epsilon, -double.Epsilon, 1e-310, double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity }[random.Next(9)],
                    4 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(pools[f][random.Next(pools[f].Length)]) + random.Next(-1, 2)), // one ulp either side
                    _ => random.NextDouble() * 250 - 120,
                };
        }
        return values;
    }
}
