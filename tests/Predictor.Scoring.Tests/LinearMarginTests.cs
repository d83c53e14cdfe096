using Predictor.Scoring.Compiled;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Tests;

/// <summary>
/// The linear margin: each term by hand-computed cases, the start score against a hand-computed sum, and every scorer
/// (reference single row and batch, compiled single row, row-major and column-major batches through the binned path
/// and the node walk) bit for bit on random models that have linear terms as well as trees.
/// </summary>
public class LinearMarginTests
{
    private static readonly ModelFeature[] XAndC =
        [new("x", FeatureKind.Numeric), new("c", FeatureKind.Categorical, ["a", "b", "c"])];

    private static LinearTerm XTerm => LinearTerm.Numeric(0, slope: 0.5, missingValue: 0.2, meanContribution: 1.25);

    private static LinearTerm CTerm => LinearTerm.Categorical(1, [0.1, -0.4, 0.7], missingValue: 0.05, meanContribution: 0.125);

    [Theory]
    [InlineData(3.0, 1.5)]
    [InlineData(-2.0, -1.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(1e6, 5e5)]
    [InlineData(double.NaN, 0.2)]
    public void A_numeric_term_is_slope_times_value_and_its_missing_value_for_nan(double value, double expected)
    {
        Assert.Equal(expected, XTerm.Evaluate(value));
        Assert.False(XTerm.IsCategorical);
        Assert.Empty(XTerm.LevelValues);
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(1.0, -0.4)]
    [InlineData(2.0, 0.7)]
    [InlineData(double.NaN, 0.05)]
    [InlineData(3.0, 0.05)]       // one past the last level
    [InlineData(255.0, 0.05)]
    [InlineData(-1.0, 0.05)]      // negative code
    [InlineData(1.5, 0.05)]       // not a whole number
    [InlineData(1e9, 0.05)]
    [InlineData(double.PositiveInfinity, 0.05)]
    public void A_categorical_term_reads_its_level_and_scores_unknown_codes_as_missing(double code, double expected)
    {
        Assert.Equal(expected, CTerm.Evaluate(code));
        Assert.Equal(0.1, CTerm.Evaluate(-0.0)); // -0 is code 0, as the trees read it
        Assert.True(CTerm.IsCategorical);
        Assert.Equal(0, CTerm.Slope);
    }

    [Fact]
    public void A_categorical_term_without_levels_stays_categorical_and_scores_everything_as_missing()
    {
        var term = LinearTerm.Categorical(0, [], missingValue: -0.3, meanContribution: -0.3);
        Assert.True(term.IsCategorical);
        foreach (double code in new[] { 0.0, 1, -1, double.NaN }) Assert.Equal(-0.3, term.Evaluate(code));
        var model = new TreeEnsemble([new ModelFeature("c", FeatureKind.Categorical, [])], [], 0, new LinearMargin([term]));
        Assert.Equal(-0.3, model.PredictRaw([0.0]));
    }

    [Fact]
    public void Bad_terms_and_margins_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LinearTerm.Numeric(0, double.NaN, 0, 0));
        Assert.Throws<ArgumentException>(() => LinearTerm.Numeric(0, 1, double.PositiveInfinity, 0));
        Assert.Throws<ArgumentException>(() => LinearTerm.Numeric(0, 1, 0, double.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => LinearTerm.Categorical(0, [0.1, double.NaN], 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearTerm.Numeric(-1, 1, 0, 0));
        Assert.Contains("ascending", Assert.Throws<ArgumentException>(() => new LinearMargin([CTerm, XTerm])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LinearMargin([XTerm, XTerm]));
        Assert.Throws<ArgumentNullException>(() => new LinearMargin([XTerm, null!]));
        Assert.Throws<ArgumentException>(() => new LinearMargin([XTerm, CTerm]).Evaluate([1.0]));

        Assert.Contains("the model has 2", Refused(new LinearMargin([XTerm, LinearTerm.Numeric(2, 1, 0, 0)])), StringComparison.Ordinal);
        Assert.Contains("wrong kind", Refused(new LinearMargin([LinearTerm.Categorical(0, [1.0], 0, 0)])), StringComparison.Ordinal);
        Assert.Contains("wrong kind", Refused(new LinearMargin([LinearTerm.Numeric(1, 1, 0, 0)])), StringComparison.Ordinal);
        Assert.Contains("2 level values; the feature has 3 levels", Refused(new LinearMargin([LinearTerm.Categorical(1, [1.0, 2.0], 0, 0)])), StringComparison.Ordinal);

        static string Refused(LinearMargin margin) =>
            Assert.Throws<ArgumentException>(() => new TreeEnsemble(XAndC, [], 0, margin)).Message;
    }

    [Fact]
    public void A_margin_without_terms_counts_as_none()
    {
        var model = new TreeEnsemble(XAndC, [RegressionTree.Constant(0.25)], -0.5, new LinearMargin([]));
        Assert.Null(model.Linear);
        Assert.Equal(-0.25, model.PredictRaw([1.0, 0]));
    }

    [Fact]
    public void The_start_score_is_the_base_score_plus_the_terms_summed_from_zero_in_feature_order()
    {
        var model = new TreeEnsemble(XAndC, [RegressionTree.Constant(0.1)], -0.3, new LinearMargin([XTerm, CTerm]));
        // Hand-computed: -0.3 + ((0 + 0.5 * 3) + 0.7), then the tree's 0.1. Fails if any scorer drops or reorders the margin.
        double start = -0.3 + (0.0 + 1.5 + 0.7);
        Assert.Equal(start, model.StartScore([3.0, 2]));
        Assert.Equal(start + 0.1, model.PredictRaw([3.0, 2]));
        Assert.Equal(-0.3 + (0.2 + 0.05) + 0.1, model.PredictRaw([double.NaN, 7]));
        Assert.Equal(-0.3 + (-1.0 + -0.4) + 0.1, model.PredictRaw([-2.0, 1]));
        var compiled = new CompiledEnsemble(model);
        Assert.Equal(start + 0.1, compiled.PredictRaw([3.0, 2]));
        var batch = new double[9];
        compiled.PredictRaw([.. Enumerable.Repeat(new[] { 3.0, 2 }, 9).SelectMany(r => r)], batch);
        Assert.All(batch, score => Assert.Equal(start + 0.1, score));
        Assert.Equal(TreeEnsemble.Sigmoid(start + 0.1), model.Predict([3.0, 2]));
        Assert.Throws<ArgumentException>(() => model.StartScore([3.0]));
    }

    [Theory]
    [InlineData(11, 1000, 12)]
    [InlineData(12, 777, 40)]
    [InlineData(13, 257, 3)]
    [InlineData(14, 5, 8)]    // fewer rows than the binned path takes: the node walk
    [InlineData(15, 1500, 20)]
    [InlineData(18, 2053, 6)] // two whole start-score chunks of 1,024 rows and a last one of 5, still through binned blocks
    public void Random_models_with_linear_terms_score_bit_for_bit_alike_in_every_scorer(int seed, int rows, int maxLeaves)
    {
        var random = new Random(seed);
        var (trees, pools) = BinnedScoringTests.RandomEnsemble(random, trees: 1 + random.Next(30), maxLeaves);
        var model = WithRandomTerms(random, trees);
        Assert.NotNull(model.Linear);
        var compiled = new CompiledEnsemble(model);
        if (BlockScorer.IsSupported) Assert.Equal("binned blocks", compiled.BatchPath);
        AssertAllScorersAgree(model, compiled, BinnedScoringTests.RandomRows(random, model, pools, rows));
    }

    [Fact]
    public void Models_the_binned_path_cannot_take_agree_through_the_node_walk()
    {
        var random = new Random(16);
        var chain = BinnedScoringTests.ChainModel(ThresholdBins.MaxThresholds + 1);
        var model = new TreeEnsemble(chain.Features, chain.Trees, chain.BaseScore,
            new LinearMargin([LinearTerm.Numeric(0, 0.012345678901234567, -0.75, 0.5)]));
        var compiled = new CompiledEnsemble(model);
        Assert.StartsWith("node walk", compiled.BatchPath, StringComparison.Ordinal);
        var rows = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? i / 2.0 : random.NextDouble() * 300 - 10).ToArray();
        rows[5] = double.NaN;
        AssertAllScorersAgree(model, compiled, rows);

        var levels = Enumerable.Range(0, 256).Select(i => $"l{i}").ToArray();
        var tree = new RegressionTree([0], [0], [true], [-1], [-2], [[ulong.MaxValue, 0, 0, 1UL << 63]], [1.0, 2.0]);
        var values = Enumerable.Range(0, 256).Select(i => Math.Sin(i) / 3).ToArray();
        var wide = new TreeEnsemble([new ModelFeature("c", FeatureKind.Categorical, levels)], [tree], 0.3,
            new LinearMargin([LinearTerm.Categorical(0, values, 0.125, 0.01)]));
        var wideCompiled = new CompiledEnsemble(wide);
        Assert.StartsWith("node walk", wideCompiled.BatchPath, StringComparison.Ordinal);
        AssertAllScorersAgree(wide, wideCompiled, [.. Enumerable.Range(0, 40).Select(i => (double)(i * 7 % 260)), double.NaN, -1, 0.5, 255]);
    }

    [Fact]
    public void A_model_of_linear_terms_alone_scores_its_start_score_everywhere()
    {
        var random = new Random(17);
        var features = new ModelFeature[]
        {
            new("x", FeatureKind.Numeric), new("unused", FeatureKind.Numeric),
            new("c", FeatureKind.Categorical, ["a", "b", "c", "d"]), new("y", FeatureKind.Numeric),
        };
        var model = new TreeEnsemble(features, [], -1.0 / 3, new LinearMargin(
        [
            LinearTerm.Numeric(0, Math.PI / 100, 0.3, 0.1),
            LinearTerm.Categorical(2, [0.1, -0.2, 1.0 / 7, 0], -0.05, 0.02),
            LinearTerm.Numeric(3, -Math.E, 0, -0.4),
        ]));
        var compiled = new CompiledEnsemble(model);
        var pools = new[] { new[] { 0.0, 1.5, -7.25, 300 }, [0.0, 1.0], [], [0.0, 1.5, -7.25, 300] };
        var rows = BinnedScoringTests.RandomRows(random, model, pools, 300);
        AssertAllScorersAgree(model, compiled, rows);
        for (int i = 0; i < 300; i++)
        {
            var row = rows.AsSpan(i * 4, 4);
            double c = row[2] is 0 or 1 or 2 or 3 ? new[] { 0.1, -0.2, 1.0 / 7, 0 }[(int)row[2]] : -0.05;
            double expected = -1.0 / 3 + (0.0 + (double.IsNaN(row[0]) ? 0.3 : Math.PI / 100 * row[0]) + c + (double.IsNaN(row[3]) ? 0 : -Math.E * row[3]));
            Assert.Equal(expected, model.PredictRaw(row));
        }
    }

    /// <summary>The trees of <paramref name="trees"/> on top of terms for a random subset of its features (at least one, rarely all).</summary>
    private static TreeEnsemble WithRandomTerms(Random random, TreeEnsemble trees)
    {
        var terms = new List<LinearTerm>();
        for (int f = 0; f < trees.Features.Count; f++)
        {
            if (terms.Count > 0 && random.Next(3) == 0) continue;
            var feature = trees.Features[f];
            // Full-precision values of mixed magnitudes, so a change in summation order would show in the last bits.
            double Value() => (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-4, 2));
            terms.Add(feature.Kind == FeatureKind.Categorical
                ? LinearTerm.Categorical(f, [.. feature.Levels.Select(_ => Value())], Value(), Value())
                : LinearTerm.Numeric(f, Value(), Value(), Value()));
        }
        return new TreeEnsemble(trees.Features, trees.Trees, trees.BaseScore, new LinearMargin(terms));
    }

    private static void AssertAllScorersAgree(TreeEnsemble model, CompiledEnsemble compiled, double[] rowMajor)
    {
        BinnedScoringTests.AssertSameScores(model, compiled, rowMajor);
        int width = model.Features.Count, rows = rowMajor.Length / width;
        var batch = new double[rows];
        model.PredictRaw(rowMajor, batch);
        for (int i = 0; i < rows; i++)
        {
            var row = rowMajor.AsSpan(i * width, width);
            long expected = BitConverter.DoubleToInt64Bits(model.PredictRaw(row));
            Assert.True(expected == BitConverter.DoubleToInt64Bits(batch[i]), $"row {i}: reference batch differs");
            Assert.True(expected == BitConverter.DoubleToInt64Bits(compiled.PredictRaw(row)), $"row {i}: compiled single row differs");
        }
    }
}
