using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Training.MLNet.Conversion;

/// <summary>
/// ML.NET's public tree API exposes no node covers, which TreeSHAP needs: they are recounted here as the training
/// weight (rows × row weight, LightGBM's convention) reaching each node and leaf of the converted trees, routing each
/// row exactly as the converted model scores it.
/// </summary>
public static class TrainingCovers
{
    public static TreeEnsemble Add(TreeEnsemble model, TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var rows = Enumerable.Range(0, data.RowCount).Select(data.Row).ToArray();
        return Add(model, rows, data.Weights);
    }

    /// <summary>Covers from <paramref name="rows"/> (each laid out as the model's features), each of weight 1 or <paramref name="weights"/>.</summary>
    public static TreeEnsemble Add(TreeEnsemble model, IReadOnlyList<double[]> rows, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var trees = model.Trees.Select(tree =>
        {
            if (tree.NodeCount == 0) return tree;
            var nodeCover = new double[tree.NodeCount];
            var leafCover = new double[tree.LeafCount];
            for (int r = 0; r < rows.Count; r++)
            {
                double w = weights?[r] ?? 1.0;
                int node = 0;
                while (node >= 0)
                {
                    nodeCover[node] += w;
                    node = GoesLeft(tree, node, rows[r][tree.SplitFeature[node]], model.Features[tree.SplitFeature[node]]) ? tree.LeftChild[node] : tree.RightChild[node];
                }
                leafCover[~node] += w;
            }
            var categories = Enumerable.Range(0, tree.NodeCount).Select(n => tree.CategoriesLeft(n) is { } c ? c.ToArray() : null).ToArray();
            return new RegressionTree([.. tree.SplitFeature], [.. tree.Threshold], [.. tree.DefaultLeft], [.. tree.LeftChild], [.. tree.RightChild],
                categories, [.. tree.LeafValues], nodeCover, leafCover);
        }).ToList();
        return new TreeEnsemble(model.Features, trees, model.BaseScore, model.Linear);
    }

    /// <summary>How many leaves of the ensemble no row reached (TreeSHAP cannot weigh a branch the data never took).</summary>
    public static int EmptyLeaves(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Trees.Where(t => t.NodeCount > 0 && t.HasCovers).Sum(t => t.LeafCover!.Count(c => c <= 0));
    }

    private static bool GoesLeft(RegressionTree tree, int node, double value, ModelFeature feature)
    {
        if (double.IsNaN(value)) return tree.DefaultLeft[node];
        if (tree.CategoriesLeft(node) is not { } left) return value <= tree.Threshold[node];
        if (value < 0 || value >= feature.Levels.Count || value != Math.Floor(value)) return tree.DefaultLeft[node];
        int code = (int)value;
        return (code >> 6) < left.Count && (left[code >> 6] & (1UL << (code & 63))) != 0;
    }
}
