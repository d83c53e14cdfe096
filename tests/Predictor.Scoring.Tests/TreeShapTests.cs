using Predictor.Scoring.Explanations;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Scoring.Tests;

public class TreeShapTests
{
    private static readonly ModelFeature[] Features =
    [
        new("a", FeatureKind.Numeric), new("b", FeatureKind.Numeric), new("c", FeatureKind.Categorical, ["x", "y", "z"]), new("d", FeatureKind.Numeric),
    ];

    [Fact]
    public void Contributions_equal_brute_force_Shapley_values_on_small_random_trees()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 30; trial++)
        {
            var model = new TreeEnsemble(Features, [RandomTree(random, 4), RandomTree(random, 3)], baseScore: 0.2);
            for (int r = 0; r < 5; r++)
            {
                double[] row = RandomRow(random);
                var phi = new double[Features.Length];
                TreeShap.Contributions(model, row, phi);
                var expected = BruteForceShapley(model, row);
                for (int f = 0; f < phi.Length; f++) Assert.Equal(expected[f], phi[f], 10);
                Assert.Equal(model.PredictRaw(row) - TreeShap.ExpectedValue(model), phi.Sum(), 10);
            }
        }
    }

    [Fact]
    public void A_trained_models_contributions_add_up_to_its_score()
    {
        var data = TrainingData(3000);
        var model = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = 30, Threads = 1 }).Model;
        Assert.All(model.Trees, t => Assert.True(t.HasCovers));
        double expectedValue = TreeShap.ExpectedValue(model);
        var phi = new double[model.Features.Count];
        for (int i = 0; i < 200; i++)
        {
            var row = data.Row(i);
            if (i % 7 == 0) row[2] = 9; // an unknown category is explained as it is scored: like a missing value
            TreeShap.Contributions(model, row, phi);
            Assert.Equal(model.PredictRaw(row), expectedValue + phi.Sum(), 9);
        }
        // The feature the label ignores gets (near) nothing on average; the driving one gets the most.
        var mean = new double[model.Features.Count];
        for (int i = 0; i < 300; i++)
        {
            TreeShap.Contributions(model, data.Row(i), phi);
            for (int f = 0; f < mean.Length; f++) mean[f] += Math.Abs(phi[f]) / 300;
        }
        Assert.True(mean[0] > 5 * mean[1]);
        var top = TreeShap.TopFeatures(model, data.Row(0), 2);
        Assert.Equal(2, top.Count);
        Assert.True(Math.Abs(top[0].Contribution) >= Math.Abs(top[1].Contribution));
    }

    [Fact]
    public void A_model_without_covers_says_it_cannot_be_explained()
    {
        var tree = new RegressionTree([0], [1.0], [true], [-1], [-2], [null], [0.5, -0.5]);
        var model = new TreeEnsemble([new ModelFeature("a", FeatureKind.Numeric)], [tree], 0);
        var error = Assert.Throws<NotSupportedException>(() => TreeShap.ExpectedValue(model));
        Assert.Contains("covers", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Shapley values of v(S) = E[f | x_S] where absent features split by cover (the definition TreeSHAP computes).</summary>
    private static double[] BruteForceShapley(TreeEnsemble model, double[] row)
    {
        int m = row.Length;
        var phi = new double[m];
        for (int f = 0; f < m; f++)
        {
            for (int mask = 0; mask < 1 << m; mask++)
            {
                if ((mask & (1 << f)) != 0) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)mask);
                double weight = Factorial(size) * Factorial(m - size - 1) / Factorial(m);
                phi[f] += weight * (Value(model, row, mask | (1 << f)) - Value(model, row, mask));
            }
        }
        return phi;
    }

    private static double Value(TreeEnsemble model, double[] row, int present) =>
        model.Trees.Sum(t => t.NodeCount == 0 ? t.LeafValues[0] : Conditional(t, 0, row, present));

    private static double Conditional(RegressionTree tree, int node, double[] row, int present)
    {
        if (node < 0) return tree.LeafValues[~node];
        int f = tree.SplitFeature[node];
        int left = tree.LeftChild[node], right = tree.RightChild[node];
        if ((present & (1 << f)) != 0) return Conditional(tree, tree.GoesLeft(node, row[f]) ? left : right, row, present);
        double lc = Cover(tree, left), rc = Cover(tree, right);
        return (lc * Conditional(tree, left, row, present) + rc * Conditional(tree, right, row, present)) / (lc + rc);
    }

    private static double Cover(RegressionTree tree, int child) => child >= 0 ? tree.NodeCover![child] : tree.LeafCover![~child];

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static double[] RandomRow(Random random) =>
    [
        random.NextDouble() < 0.2 ? double.NaN : random.NextDouble(),
        random.NextDouble(),
        random.NextDouble() < 0.2 ? double.NaN : random.Next(3),
        random.NextDouble() < 0.2 ? double.NaN : random.NextDouble(),
    ];

    /// <summary>A random full tree of the given depth; features repeat along paths on purpose (the hard case of the algorithm).</summary>
    private static RegressionTree RandomTree(Random random, int depth)
    {
        var feature = new List<int>();
        var threshold = new List<double>();
        var defaultLeft = new List<bool>();
        var left = new List<int>();
        var right = new List<int>();
        var categories = new List<ulong[]?>();
        var nodeCover = new List<double>();
        var leaves = new List<double>();
        var leafCover = new List<double>();

        (int Reference, double Cover) Build(int remaining)
        {
            if (remaining == 0 || random.NextDouble() < 0.15)
            {
                leaves.Add(random.NextDouble() * 2 - 1);
                leafCover.Add(1 + random.Next(20));
                return (~(leaves.Count - 1), leafCover[^1]);
            }
            int index = feature.Count;
            int f = random.Next(4);
            feature.Add(f);
            threshold.Add(f == 2 ? 0 : random.NextDouble());
            defaultLeft.Add(random.Next(2) == 0);
            categories.Add(f == 2 ? [(ulong)random.Next(1, 7)] : null);
            left.Add(0);
            right.Add(0);
            nodeCover.Add(0);
            var l = Build(remaining - 1);
            var r = Build(remaining - 1);
            left[index] = l.Reference;
            right[index] = r.Reference;
            nodeCover[index] = l.Cover + r.Cover;
            return (index, nodeCover[index]);
        }

        Build(depth);
        return new RegressionTree([.. feature], [.. threshold], [.. defaultLeft], [.. left], [.. right], [.. categories], [.. leaves], [.. nodeCover], [.. leafCover]);
    }

    internal static TrainingSet TrainingData(int rows)
    {
        var random = new Random(3);
        var x = new double[rows];
        var noise = new double[rows];
        var c = new double[rows];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = random.NextDouble() < 0.1 ? double.NaN : random.NextDouble() * 10;
            noise[i] = random.NextDouble();
            c[i] = random.NextDouble() < 0.05 ? double.NaN : random.Next(4);
            double logit = (double.IsNaN(x[i]) ? 1 : x[i] - 5) * 0.8 + (c[i] is 1 ? 1 : -0.3);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return new TrainingSet(
            [new FeatureColumn("x", x), new FeatureColumn("noise", noise), new FeatureColumn("c", FeatureKind.Categorical, c, ["p", "q", "r", "s"])], y);
    }
}
