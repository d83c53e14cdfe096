using System.Text.Json;
using Predictor.Scoring.Trees;

namespace Predictor.Export.XGBoost;

/// <summary>
/// One of our trees in XGBoost's layout: split nodes and leaves share one array (breadth-first from the root at 0), a
/// leaf has children -1 and keeps its value in <c>split_conditions</c>.
/// </summary>
internal sealed class XGBoostTree
{
    private readonly List<int> _left = [], _right = [], _parent = [], _feature = [];
    private readonly List<float> _condition = [], _hessian = [], _gain = [];
    private readonly List<bool> _defaultLeft = [];

    /// <summary>The tree with every leaf multiplied by <paramref name="scale"/> (a folded Platt slope; 1 otherwise).</summary>
    public static XGBoostTree From(RegressionTree tree, double scale)
    {
        var result = new XGBoostTree();
        // Breadth-first: our child reference (node index or ~leaf) of each new XGBoost node, and its parent.
        var queue = new Queue<(int Reference, int Parent)>();
        queue.Enqueue((tree.NodeCount == 0 ? ~0 : 0, int.MaxValue));
        while (queue.Count > 0)
        {
            var (reference, parent) = queue.Dequeue();
            int id = result._left.Count;
            result._parent.Add(parent);
            if (reference < 0)
            {
                int leaf = ~reference;
                result.Add(-1, -1, 0, (float)(scale * tree.LeafValues[leaf]), false, tree.LeafCover?[leaf] ?? 0, 0);
                continue;
            }
            // Children are numbered after everything already queued, in the order they are dequeued.
            int left = id + queue.Count + 1;
            result.Add(left, left + 1, tree.SplitFeature[reference], BelowOf(tree.Threshold[reference]), tree.DefaultLeft[reference],
                tree.NodeCover?[reference] ?? 0, tree.NodeGain?[reference] ?? 0);
            queue.Enqueue((tree.LeftChild[reference], id));
            queue.Enqueue((tree.RightChild[reference], id));
        }
        return result;
    }

    /// <summary>
    /// XGBoost converts each input to a 32-bit float <c>fl(x)</c> and sends <c>fl(x) &lt; c</c> left; we send <c>x &lt;= t</c>.
    /// With <c>c</c> the float just above <c>fl(t)</c>: rounding keeps order, so every <c>x &lt;= t</c> goes left in
    /// both; an <c>x &gt; t</c> goes right in both unless it rounds to the same float as <c>t</c> (closer than about
    /// 1e-7 relative). The trainer puts thresholds a hair above training values (102.8 splits at
    /// 102.80000000000001), so the training values themselves always route as ours. JSON has no infinity: a split at
    /// or beyond float's range (the trainer's "present vs missing" split at double.MaxValue) becomes the largest float.
    /// </summary>
    internal static float BelowOf(double threshold)
    {
        float above = MathF.BitIncrement((float)threshold);
        return float.IsFinite(above) ? above : float.MaxValue;
    }

    private void Add(int left, int right, int feature, float condition, bool defaultLeft, double hessian, double gain)
    {
        _left.Add(left);
        _right.Add(right);
        _feature.Add(feature);
        _condition.Add(condition);
        _defaultLeft.Add(defaultLeft);
        _hessian.Add((float)hessian);
        _gain.Add((float)gain);
    }

    public void Write(Utf8JsonWriter json, int id, int features)
    {
        int n = _left.Count;
        json.WriteStartObject();
        // base_weights are the nodes' unshrunk weights; only leaves' are used for prediction, as split_conditions.
        Floats(json, "base_weights", Enumerable.Range(0, n).Select(i => _left[i] == -1 ? _condition[i] : 0f));
        foreach (var empty in new[] { "categories", "categories_nodes", "categories_segments", "categories_sizes" })
        {
            json.WriteStartArray(empty);
            json.WriteEndArray();
        }
        Ints(json, "default_left", _defaultLeft.Select(d => d ? 1 : 0));
        json.WriteNumber("id", id);
        Ints(json, "left_children", _left);
        Floats(json, "loss_changes", _gain);
        Ints(json, "parents", _parent);
        Ints(json, "right_children", _right);
        Floats(json, "split_conditions", _condition);
        Ints(json, "split_indices", _feature);
        Ints(json, "split_type", Enumerable.Repeat(0, n));
        Floats(json, "sum_hessian", _hessian);
        json.WriteStartObject("tree_param");
        json.WriteString("num_deleted", "0");
        json.WriteString("num_feature", XGBoostJsonExporter.Text(features));
        json.WriteString("num_nodes", XGBoostJsonExporter.Text(n));
        json.WriteString("size_leaf_vector", "0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Ints(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (int v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }

    /// <summary>
    /// Each float as the double it equals exactly, so parsing it back in any precision gives the same float, and always
    /// with a point or an exponent: XGBoost's reader takes "0" for an integer and refuses it where it expects a number.
    /// </summary>
    private static void Floats(Utf8JsonWriter json, string name, IEnumerable<float> values)
    {
        json.WriteStartArray(name);
        foreach (float v in values)
        {
            string text = XGBoostJsonExporter.Text((double)v);
            json.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0");
        }
        json.WriteEndArray();
    }
}
