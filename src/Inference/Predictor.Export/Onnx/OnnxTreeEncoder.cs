using Predictor.Export.Onnx.Proto;
using Predictor.Scoring.Trees;

namespace Predictor.Export.Onnx;

/// <summary>
/// Flattens the trees into the parallel attribute lists of ONNX-ML's TreeEnsembleRegressor. Each tree's nodes are
/// listed in pre-order (root first, ids 0..n-1), which is what ONNX Runtime expects.
/// <para>
/// ONNX has no set-membership split, so a categorical node becomes a chain of <c>BRANCH_EQ</c> nodes, one per level
/// that goes left, each with its own copy of the left subtree; the last one's false branch is the right subtree. A
/// missing value follows the node's default side (through <c>nodes_missing_value_tracks_true</c> on the first link).
/// Unknown level codes must reach it as NaN (the chain would send them right whatever the default), which
/// <see cref="OnnxUnknownLevels"/> sees to.
/// </para>
/// </summary>
internal sealed class OnnxTreeEncoder
{
    private readonly List<long> _treeIds = [], _nodeIds = [], _featureIds = [], _trueIds = [], _falseIds = [], _missingTrue = [];
    private readonly List<float> _values = [];
    private readonly List<string> _modes = [];
    private readonly List<long> _targetTree = [], _targetNode = [];
    private readonly List<float> _targetWeights = [];
    private readonly TreeEnsemble _model;
    private readonly double _baseValue;

    /// <summary>Encodes <paramref name="model"/>'s trees, summed on top of <paramref name="baseValue"/> (its base score, or 0 when the start score is computed apart).</summary>
    public OnnxTreeEncoder(TreeEnsemble model, double baseValue)
    {
        if (model.Trees.Count == 0)
            throw new ArgumentException("A model without trees has no TreeEnsembleRegressor; its score is the start score alone.", nameof(model));
        _model = model;
        _baseValue = baseValue;
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            int next = 0;
            Emit(t, tree, tree.NodeCount == 0 ? ~0 : 0, ref next);
        }
    }

    public NodeProto ToNode(string input, string output)
    {
        var node = new NodeProto { OpType = "TreeEnsembleRegressor", Domain = "ai.onnx.ml", Name = "trees" };
        node.Input.Add(input);
        node.Output.Add(output);
        node.Attribute.Add(OnnxAttributes.Int("n_targets", 1));
        node.Attribute.Add(OnnxAttributes.String("aggregate_function", "SUM"));
        node.Attribute.Add(OnnxAttributes.String("post_transform", "NONE"));
        node.Attribute.Add(OnnxAttributes.Floats("base_values", [(float)_baseValue]));
        node.Attribute.Add(OnnxAttributes.Ints("nodes_treeids", _treeIds));
        node.Attribute.Add(OnnxAttributes.Ints("nodes_nodeids", _nodeIds));
        node.Attribute.Add(OnnxAttributes.Ints("nodes_featureids", _featureIds));
        node.Attribute.Add(OnnxAttributes.Floats("nodes_values", _values));
        node.Attribute.Add(OnnxAttributes.Strings("nodes_modes", _modes));
        node.Attribute.Add(OnnxAttributes.Ints("nodes_truenodeids", _trueIds));
        node.Attribute.Add(OnnxAttributes.Ints("nodes_falsenodeids", _falseIds));
        node.Attribute.Add(OnnxAttributes.Ints("nodes_missing_value_tracks_true", _missingTrue));
        node.Attribute.Add(OnnxAttributes.Ints("target_treeids", _targetTree));
        node.Attribute.Add(OnnxAttributes.Ints("target_nodeids", _targetNode));
        node.Attribute.Add(OnnxAttributes.Ints("target_ids", _targetTree.Select(_ => 0L)));
        node.Attribute.Add(OnnxAttributes.Floats("target_weights", _targetWeights));
        return node;
    }

    /// <summary>Appends the subtree at <paramref name="child"/> in pre-order; returns its root's ONNX node id.</summary>
    private int Emit(int treeId, RegressionTree tree, int child, ref int next)
    {
        if (child < 0)
        {
            int leaf = Add(treeId, ref next, "LEAF", 0, 0, false);
            _targetTree.Add(treeId);
            _targetNode.Add(leaf);
            _targetWeights.Add((float)tree.LeafValues[~child]);
            return leaf;
        }
        int feature = tree.SplitFeature[child];
        bool defaultLeft = tree.DefaultLeft[child];
        if (!tree.IsCategorical(child))
            return Split(treeId, tree, child, ref next, "BRANCH_LEQ", feature, FloatAtOrBelow(tree.Threshold[child]), defaultLeft);

        int levels = _model.Features[feature].Levels.Count;
        var left = Enumerable.Range(0, levels).Where(code => tree.GoesLeft(child, code)).ToList();
        if (left.Count == 0)
            return Split(treeId, tree, child, ref next, "BRANCH_LEQ", feature, float.MinValue, defaultLeft);
        int first = -1;
        int previous = -1;
        for (int k = 0; k < left.Count; k++)
        {
            bool last = k == left.Count - 1;
            int id = Add(treeId, ref next, "BRANCH_EQ", feature, left[k], k == 0 && defaultLeft);
            int index = _nodeIds.Count - 1;
            _trueIds[index] = Emit(treeId, tree, tree.LeftChild[child], ref next);
            if (last) _falseIds[index] = Emit(treeId, tree, tree.RightChild[child], ref next);
            if (previous >= 0) _falseIds[previous] = id;
            previous = index;
            if (first < 0) first = id;
        }
        return first;
    }

    /// <summary>
    /// The largest float at or below <paramref name="threshold"/>. ONNX Runtime compares float32 inputs with float32
    /// thresholds; rounding a threshold to the nearest float could move it above inputs that the library sends right
    /// (t &lt; v &lt;= (float)t). For any float input v, v &lt;= t exactly when v &lt;= this value.
    /// </summary>
    internal static float FloatAtOrBelow(double threshold)
    {
        float rounded = (float)threshold;
        return rounded > threshold ? MathF.BitDecrement(rounded) : rounded;
    }

    private int Split(int treeId, RegressionTree tree, int node, ref int next, string mode, int feature, float value, bool missingTrue)
    {
        int id = Add(treeId, ref next, mode, feature, value, missingTrue);
        int index = _nodeIds.Count - 1;
        _trueIds[index] = Emit(treeId, tree, tree.LeftChild[node], ref next);
        _falseIds[index] = Emit(treeId, tree, tree.RightChild[node], ref next);
        return id;
    }

    private int Add(int treeId, ref int next, string mode, int feature, float value, bool missingTrue)
    {
        int id = next++;
        _treeIds.Add(treeId);
        _nodeIds.Add(id);
        _featureIds.Add(feature);
        _values.Add(value);
        _modes.Add(mode);
        _trueIds.Add(0);
        _falseIds.Add(0);
        _missingTrue.Add(missingTrue ? 1 : 0);
        return id;
    }
}
