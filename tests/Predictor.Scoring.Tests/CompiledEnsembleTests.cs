using Predictor.Scoring.Compiled;
using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Scoring.Tests;

public class CompiledEnsembleTests
{
    [Fact]
    public void Compiled_scores_are_bit_for_bit_those_of_the_tree_ensemble()
    {
        var data = TreeShapTests.TrainingData(3000);
        var model = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = 40, Threads = 1 }).Model;
        var compiled = new CompiledEnsemble(model);
        int rows = 1000, width = model.Features.Count;
        var random = new Random(8);
        var rowMajor = new double[rows * width];
        for (int i = 0; i < rows; i++)
        {
            var row = data.Row(i);
            // Mutate some inputs into the awkward cases: missing, unknown, negative and fractional category codes.
            if (i % 5 == 0) row[0] = double.NaN;
            if (i % 7 == 0) row[2] = new[] { double.NaN, 4, 99, -1, 1.5 }[random.Next(5)];
            row.CopyTo(rowMajor, i * width);
        }
        var columnMajor = new double[rows * width];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < width; f++) columnMajor[f * rows + i] = rowMajor[i * width + f];
        }

        var expected = new double[rows];
        model.PredictRaw(rowMajor, expected);
        var byRows = new double[rows];
        compiled.PredictRaw(rowMajor, byRows);
        var byColumns = new double[rows];
        compiled.PredictRawColumns(columnMajor, byColumns);
        Assert.Equal(expected, byRows);
        Assert.Equal(expected, byColumns);
        for (int i = 0; i < rows; i += 37) Assert.Equal(expected[i], compiled.PredictRaw(rowMajor.AsSpan(i * width, width)));

        var probabilities = new double[rows];
        compiled.Predict(rowMajor, probabilities);
        Assert.Equal(TreeEnsemble.Sigmoid(expected[3]), probabilities[3]);
    }

    [Theory]
    [InlineData(43, 1003)] // neither a multiple of the eight lanes: exercises the leftover trees and rows
    [InlineData(8, 7)]
    [InlineData(1, 65)]
    public void Lane_and_block_boundaries_do_not_change_a_score(int trees, int rows)
    {
        var data = TreeShapTests.TrainingData(1500);
        var model = BoostingTrainer.Train(data, GbdtPresets.FastTree with { Trees = trees, Threads = 1 }).Model;
        var compiled = new CompiledEnsemble(model);
        int width = model.Features.Count;
        var rowMajor = new double[rows * width];
        var columnMajor = new double[rows * width];
        for (int i = 0; i < rows; i++)
        {
            var row = data.Row(i % data.RowCount);
            if (i % 3 == 0) row[i % width] = double.NaN;
            for (int f = 0; f < width; f++) columnMajor[f * rows + i] = rowMajor[i * width + f] = row[f];
        }
        var expected = new double[rows];
        model.PredictRaw(rowMajor, expected);
        var actual = new double[rows];
        compiled.PredictRaw(rowMajor, actual);
        Assert.Equal(expected, actual);
        compiled.PredictRawColumns(columnMajor, actual);
        Assert.Equal(expected, actual);
        for (int i = 0; i < rows; i++) Assert.Equal(expected[i], compiled.PredictRaw(rowMajor.AsSpan(i * width, width)));
    }

    [Fact]
    public void Hand_built_trees_route_like_the_reference_including_single_leaf_trees()
    {
        var tree = new RegressionTree([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5]);
        var model = new TreeEnsemble(
            [new ModelFeature("x", FeatureKind.Numeric), new ModelFeature("c", FeatureKind.Categorical, ["a", "b", "c"])],
            [tree, RegressionTree.Constant(0.1)], baseScore: -0.3);
        var compiled = new CompiledEnsemble(model);
        foreach (var row in new[] { new[] { 1.0, 1 }, [2.5, 1], [3, 0], [3, 2], [3, 1], [double.NaN, 1], [3, double.NaN], [3, 7], [3, -2], [3, 0.5] })
            Assert.Equal(model.PredictRaw(row), compiled.PredictRaw(row));
    }

    [Fact]
    public void Wrong_shapes_are_refused()
    {
        var model = new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric)], [RegressionTree.Constant(1)], 0);
        var compiled = new CompiledEnsemble(model);
        Assert.Throws<ArgumentException>(() => compiled.PredictRaw([1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => compiled.PredictRaw(new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => compiled.PredictRawColumns(new double[3], new double[2]));
    }
}
