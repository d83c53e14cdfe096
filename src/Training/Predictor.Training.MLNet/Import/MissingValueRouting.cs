using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Predictor.Training.MLNet.Conversion;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// Where ML.NET sends a missing value (NaN) at each split of a saved model, read back from ML.NET itself. FastTree
/// sends NaN right (it fails <c>value &lt;= threshold</c>), but a LightGBM tree keeps LightGBM's per-node default
/// direction, which ML.NET's public tree API does not expose. So for each split on a slot that NaN can reach, a probe
/// feature vector is built that follows the path from the root to that split, with NaN in the split's slot, and
/// ML.NET's own tree featurizer (<c>FeaturizeByPretrainTreeEnsemble</c>, its <c>Paths</c> and <c>Leaves</c> columns)
/// says which child the probe went to.
/// </summary>
internal static class MissingValueRouting
{
    private sealed class ProbeVector
    {
#pragma warning disable CA1819 // ML.NET reads vector columns from array properties.
        public float[] Features { get; set; } = [];
#pragma warning restore CA1819
    }

    /// <summary>Per tree and split node: true when ML.NET sends NaN left; null where NaN never reaches the split's slot.</summary>
    public static bool?[][] Read(MLContext ml, TreeEnsembleModelParameters model, RegressionTreeEnsemble ensemble, IReadOnlyList<FeatureSlot> slots, string name)
    {
        var trees = ensemble.Trees;
        var result = trees.Select(t => new bool?[t.NumberOfNodes]).ToArray();
        var probes = new List<(int Tree, int Node, float[] Vector, bool SlotAbove)>();
        for (int t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var parents = Parents(tree);
            for (int n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags[n]) continue;
                int slot = tree.NumericalSplitFeatureIndexes[n];
                if (slot >= slots.Count || slots[slot] is not { Kind: SlotKind.Value, Replacement: null }) continue;
                if (PathTo(tree, parents, n, slot, slots.Count) is { } vector) probes.Add((t, n, vector, SplitAbove(tree, parents, n, slot)));
            }
        }
        if (probes.Count == 0) return result;

        var definition = SchemaDefinition.Create(typeof(ProbeVector));
        definition[nameof(ProbeVector.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, slots.Count);
        var data = ml.Data.LoadFromEnumerable(probes.Select(p => new ProbeVector { Features = p.Vector }), definition);
        var featurizer = ml.Transforms.FeaturizeByPretrainTreeEnsemble(new PretrainedTreeFeaturizationEstimator.Options
        {
            InputColumnName = nameof(ProbeVector.Features),
            ModelParameters = model,
            TreesColumnName = "Trees",
            LeavesColumnName = "Leaves",
            PathsColumnName = "Paths",
        });
        var featurized = featurizer.Fit(data).Transform(data);
        var paths = featurized.GetColumn<float[]>("Paths").ToArray();
        var leaves = featurized.GetColumn<float[]>("Leaves").ToArray();
        var nodeOffset = Offsets(trees.Select(t => t.NumberOfNodes));
        var leafOffset = Offsets(trees.Select(t => t.NumberOfLeaves));
        for (int p = 0; p < probes.Count; p++)
        {
            var (t, n, _, slotAbove) = probes[p];
            var tree = trees[t];
            bool Visited(int child) => child >= 0 ? paths[p][nodeOffset[t] + child] != 0 : leaves[p][leafOffset[t] + ~child] != 0;
            // A split above on the same slot that sends NaN elsewhere: no row missing this value gets here.
            if (paths[p][nodeOffset[t] + n] == 0 && slotAbove) continue;
            if (paths[p][nodeOffset[t] + n] == 0)
                throw new NotSupportedException($"a probe built to reach node {n} of tree {t} did not reach it in ML.NET, so where ML.NET sends a missing value there is unknown.");
            bool left = Visited(tree.LeftChild[n]), right = Visited(tree.RightChild[n]);
            if (left == right)
                throw new NotSupportedException($"ML.NET's path through node {n} of tree {t} takes {(left ? "both" : "neither")} of its children.");
            result[t][n] = left;
        }
        return result;
    }

    private static int[] Parents(RegressionTree tree)
    {
        var parents = new int[tree.NumberOfNodes];
        parents[0] = -1;
        for (int n = 0; n < tree.NumberOfNodes; n++)
        {
            if (tree.LeftChild[n] >= 0) parents[tree.LeftChild[n]] = n;
            if (tree.RightChild[n] >= 0) parents[tree.RightChild[n]] = n;
        }
        return parents;
    }

    private static bool SplitAbove(RegressionTree tree, int[] parents, int node, int slot)
    {
        for (int parent = parents[node]; parent >= 0; parent = parents[parent])
        {
            if (!tree.CategoricalSplitFlags[parent] && tree.NumericalSplitFeatureIndexes[parent] == slot) return true;
        }
        return false;
    }

    private static int[] Offsets(IEnumerable<int> sizes)
    {
        var list = sizes.ToList();
        var offsets = new int[list.Count];
        for (int i = 1; i < list.Count; i++) offsets[i] = offsets[i - 1] + list[i - 1];
        return offsets;
    }

    /// <summary>
    /// A feature vector that reaches <paramref name="target"/> with NaN in <paramref name="nanSlot"/> (splits above on
    /// that same slot see NaN too, and the featurizer's path tells whether it got there), or null when the path's
    /// conditions contradict each other (no row reaches the node).
    /// </summary>
    private static float[]? PathTo(RegressionTree tree, int[] parents, int target, int nanSlot, int width)
    {
        var low = new Dictionary<int, float>();   // value must be > low
        var high = new Dictionary<int, float>();  // value must be <= high
        var hot = new HashSet<int>();             // a categorical split must see one of its slots set
        var cold = new HashSet<int>();            // a categorical split must see none of its slots set
        for (int child = target, parent = parents[target]; parent >= 0; child = parent, parent = parents[parent])
        {
            bool goesLeft = tree.LeftChild[parent] == child;
            if (tree.CategoricalSplitFlags[parent])
            {
                var listed = tree.GetCategoricalSplitFeaturesAt(parent);
                if (goesLeft) cold.UnionWith(listed);
                else if (!listed.Any(hot.Contains)) hot.Add(listed.First(s => !cold.Contains(s)));
                continue;
            }
            int slot = tree.NumericalSplitFeatureIndexes[parent];
            if (slot == nanSlot) continue;
            float threshold = tree.NumericalSplitThresholds[parent];
            if (goesLeft) high[slot] = high.TryGetValue(slot, out var h) ? Math.Min(h, threshold) : threshold;
            else low[slot] = low.TryGetValue(slot, out var l) ? Math.Max(l, threshold) : threshold;
        }
        if (hot.Overlaps(cold)) return null;
        var vector = new float[width];
        foreach (int slot in hot) vector[slot] = 1;
        foreach (int slot in low.Keys.Union(high.Keys))
        {
            bool hasLow = low.TryGetValue(slot, out var l), hasHigh = high.TryGetValue(slot, out var h);
            if (hasLow && hasHigh && !(l < h)) return null;
            vector[slot] = hasHigh ? h : MathF.BitIncrement(l);
            if (cold.Contains(slot) && vector[slot] > 0) return null;
        }
        vector[nanSlot] = float.NaN;
        return vector;
    }
}
