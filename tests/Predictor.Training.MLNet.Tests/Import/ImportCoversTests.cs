using Predictor.Data.Errors;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Tables;
using Predictor.Scoring.Trees;
using Predictor.Training.MLNet.Import;
using Predictor.Tests.MLNetModels;

namespace Predictor.Training.MLNet.Tests.Import;

/// <summary>
/// TreeSHAP on imported models: ML.NET keeps no node covers, so <see cref="MLNetModelImporter.WithCovers"/> recounts
/// them from the training patients. The explanations then add up to the raw score minus the expected value (local
/// accuracy) and equal Shapley values computed by brute force over every subset of features.
/// </summary>
public sealed class ImportCoversTests(SavedMLNetModels models) : IClassFixture<SavedMLNetModels>
{
    private static readonly Lazy<SimulatedPatients> HeldOut = new(() => SimulatedPatients.Make(200, seed: 13, missing: 0.15));

    [Theory]
    [InlineData(SavedModel.FastTreeConcatenate)]
    [InlineData(SavedModel.LightGbmCategoricalSplits)]
    public void Covers_from_the_training_patients_make_TreeSHAP_exact(SavedModel saved)
    {
        var imported = MLNetModelImporter.Import(models.PathOf(saved));
        Assert.False(TreeShap.CanExplain(imported.Artifact.Model));
        Assert.StartsWith("none", imported.Artifact.Metadata.TrainingOptions[MLNetModelImporter.CoversOption], StringComparison.Ordinal);

        var training = models.Training.Value.Table;
        var explained = MLNetModelImporter.WithCovers(imported, Rows(training, imported.Artifact.Model), "training.csv");
        var model = explained.Artifact.Model;
        Assert.True(TreeShap.CanExplain(model));
        Assert.All(model.Trees, t => Assert.Equal(training.RowCount, t.LeafCover!.Sum()));
        Assert.Equal($"recounted from {training.RowCount} patients of training.csv", explained.Artifact.Metadata.TrainingOptions[MLNetModelImporter.CoversOption]);
        // The covers change no score.
        var heldOut = Rows(HeldOut.Value.Table, model);
        Assert.All(heldOut, row => Assert.Equal(imported.Artifact.Model.PredictRaw(row), model.PredictRaw(row)));

        double expected = TreeShap.ExpectedValue(model);
        foreach (var row in heldOut.Take(40))
        {
            var phi = new double[model.Features.Count];
            TreeShap.Contributions(model, row, phi);
            Assert.Equal(model.PredictRaw(row) - expected, phi.Sum(), 1e-9);
            var brute = BruteForceShapley(model, row);
            for (int f = 0; f < phi.Length; f++) Assert.Equal(brute[f], phi[f], 1e-9);
        }
    }

    [Fact]
    public void Patients_that_leave_a_leaf_empty_are_refused_naming_the_count()
    {
        var imported = MLNetModelImporter.Import(models.PathOf(SavedModel.FastTreeConcatenate));
        var few = Rows(HeldOut.Value.Table, imported.Artifact.Model).Take(5).ToList();
        var error = Assert.Throws<PredictorInputException>(() => MLNetModelImporter.WithCovers(imported, few, "five.csv"));
        Assert.Matches(@"^five\.csv: \d+ of the model's \d+ leaves are reached by none of its 5 patients", error.Message);
    }

    private static List<double[]> Rows(Predictor.Data.Tables.DataTable table, TreeEnsemble model)
    {
        var flat = ModelInput.FromTable(table, model);
        int width = model.Features.Count;
        return [.. Enumerable.Range(0, table.RowCount).Select(r => flat.AsSpan(r * width, width).ToArray())];
    }

    /// <summary>Shapley values of v(S) = E[f | x_S] where absent features split by cover (what TreeSHAP computes), over all 2^M subsets.</summary>
    private static double[] BruteForceShapley(TreeEnsemble model, double[] row)
    {
        int m = row.Length;
        var value = new double[1 << m];
        for (int mask = 0; mask < value.Length; mask++) value[mask] = model.Trees.Sum(t => t.NodeCount == 0 ? t.LeafValues[0] : Conditional(t, 0, row, mask));
        var phi = new double[m];
        for (int f = 0; f < m; f++)
        {
            for (int mask = 0; mask < value.Length; mask++)
            {
                if ((mask & (1 << f)) != 0) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)mask);
                phi[f] += Factorial(size) * Factorial(m - size - 1) / Factorial(m) * (value[mask | (1 << f)] - value[mask]);
            }
        }
        return phi;
    }

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
}
