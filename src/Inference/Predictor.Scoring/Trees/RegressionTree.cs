namespace Predictor.Scoring.Trees;

/// <summary>
/// One binary regression tree stored as flat node arrays. Node <c>i</c> sends a row to <see cref="LeftChild"/>[i]
/// or <see cref="RightChild"/>[i]; a child reference <c>c &gt;= 0</c> is another node, <c>c &lt; 0</c> is the leaf
/// <c>~c</c> (so -1 is leaf 0). A tree with no nodes is a single leaf.
/// <para>
/// Routing: numeric nodes send <c>value &lt;= Threshold</c> left. Categorical nodes send a category left when its
/// code is in the node's left set. Missing values (NaN) follow <see cref="DefaultLeft"/>; so do category codes the
/// model does not know (negative, fractional or beyond the levels), which makes unseen categories explicit rather than
/// accidental. Categories the node never saw in training were placed on the missing side when the tree was grown.
/// </para>
/// </summary>
public sealed class RegressionTree
{
    private readonly int[] _feature;
    private readonly double[] _threshold;
    private readonly bool[] _defaultLeft;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly ulong[]?[] _categoriesLeft;
    private readonly double[] _leafValues;
    private readonly double[]? _nodeCover;
    private readonly double[]? _leafCover;
    private readonly double[]? _nodeGain;

    /// <param name="feature">Split feature index per node.</param>
    /// <param name="threshold">Numeric threshold per node (ignored for categorical nodes).</param>
    /// <param name="defaultLeft">Direction of missing values per node.</param>
    /// <param name="leftChild">Left child reference per node.</param>
    /// <param name="rightChild">Right child reference per node.</param>
    /// <param name="categoriesLeft">Per node: null for numeric splits, else a bitset of the category codes sent left.</param>
    /// <param name="leafValues">Raw (log-odds) contribution of each leaf.</param>
    public RegressionTree(int[] feature, double[] threshold, bool[] defaultLeft, int[] leftChild, int[] rightChild,
        ulong[]?[] categoriesLeft, double[] leafValues)
        : this(feature, threshold, defaultLeft, leftChild, rightChild, categoriesLeft, leafValues, null, null)
    {
    }

    /// <summary>A tree that also knows how much training weight reached each node and leaf (needed by TreeSHAP).</summary>
    /// <param name="feature">Split feature index per node.</param>
    /// <param name="threshold">Numeric threshold per node (ignored for categorical nodes).</param>
    /// <param name="defaultLeft">Direction of missing values per node.</param>
    /// <param name="leftChild">Left child reference per node.</param>
    /// <param name="rightChild">Right child reference per node.</param>
    /// <param name="categoriesLeft">Per node: null for numeric splits, else a bitset of the category codes sent left.</param>
    /// <param name="leafValues">Raw (log-odds) contribution of each leaf.</param>
    /// <param name="nodeCover">Per node: the training weight (hessian sum) that reached it, or null when unknown.</param>
    /// <param name="leafCover">Per leaf: the training weight that reached it, or null when unknown.</param>
    public RegressionTree(int[] feature, double[] threshold, bool[] defaultLeft, int[] leftChild, int[] rightChild,
        ulong[]?[] categoriesLeft, double[] leafValues, double[]? nodeCover, double[]? leafCover)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(defaultLeft);
        ArgumentNullException.ThrowIfNull(leftChild);
        ArgumentNullException.ThrowIfNull(rightChild);
        ArgumentNullException.ThrowIfNull(categoriesLeft);
        ArgumentNullException.ThrowIfNull(leafValues);
        int nodes = feature.Length;
        if (threshold.Length != nodes || defaultLeft.Length != nodes || leftChild.Length != nodes
            || rightChild.Length != nodes || categoriesLeft.Length != nodes)
            throw new ArgumentException("All node arrays must have the same length.");
        if (leafValues.Length != nodes + 1)
            throw new ArgumentException($"A tree with {nodes} split nodes has {nodes + 1} leaves, not {leafValues.Length}.");
        if ((nodeCover is null) != (leafCover is null))
            throw new ArgumentException("Give covers for both nodes and leaves, or for neither.");
        if (nodeCover is not null && (nodeCover.Length != nodes || leafCover!.Length != leafValues.Length))
            throw new ArgumentException("There must be one cover per node and one per leaf.");
        if (nodeCover is not null && (nodeCover.Any(c => !double.IsFinite(c) || c < 0) || leafCover!.Any(c => !double.IsFinite(c) || c < 0)))
            throw new ArgumentException("Covers must be finite and non-negative.");
        ValidateChildren(leftChild, leafValues.Length);
        ValidateChildren(rightChild, leafValues.Length);
        _feature = feature;
        _threshold = threshold;
        _defaultLeft = defaultLeft;
        _left = leftChild;
        _right = rightChild;
        _categoriesLeft = categoriesLeft;
        _leafValues = leafValues;
        _nodeCover = nodeCover;
        _leafCover = leafCover;
    }

    /// <summary>A tree that is one leaf: every row gets <paramref name="value"/>.</summary>
    public static RegressionTree Constant(double value) => new([], [], [], [], [], [], [value]);

    /// <summary>Number of split nodes.</summary>
    public int NodeCount => _feature.Length;

    /// <summary>Number of leaves (split nodes + 1).</summary>
    public int LeafCount => _leafValues.Length;

    /// <summary>Feature index each node splits on.</summary>
    public IReadOnlyList<int> SplitFeature => _feature;

    /// <summary>Numeric threshold per node (value &lt;= threshold goes left); unused by categorical nodes.</summary>
    public IReadOnlyList<double> Threshold => _threshold;

    /// <summary>Per node: whether missing values and unknown categories go left.</summary>
    public IReadOnlyList<bool> DefaultLeft => _defaultLeft;

    /// <summary>Left child reference per node (node index, or <c>~leaf</c>).</summary>
    public IReadOnlyList<int> LeftChild => _left;

    /// <summary>Right child reference per node (node index, or <c>~leaf</c>).</summary>
    public IReadOnlyList<int> RightChild => _right;

    /// <summary>Raw (log-odds) value of each leaf.</summary>
    public IReadOnlyList<double> LeafValues => _leafValues;

    /// <summary>Whether the tree records node and leaf covers (models from format 1 files do not).</summary>
    public bool HasCovers => _leafCover is not null;

    /// <summary>Training weight (hessian sum) that reached each node; null when the tree has no covers.</summary>
    public IReadOnlyList<double>? NodeCover => _nodeCover;

    /// <summary>Training weight that reached each leaf; null when the tree has no covers.</summary>
    public IReadOnlyList<double>? LeafCover => _leafCover;

    /// <summary>
    /// Per node: how much the split reduced the training objective when it was chosen (the trainer's split gain), or
    /// null when unknown (files written before gains were stored, imported models). Global gain importance sums it.
    /// </summary>
    public IReadOnlyList<double>? NodeGain
    {
        get => _nodeGain;
        init
        {
            if (value is null) { _nodeGain = null; return; }
            if (value.Count != _feature.Length) throw new ArgumentException("There must be one gain per node.", nameof(value));
            if (value.Any(g => !double.IsFinite(g) || g < 0)) throw new ArgumentException("Gains must be finite and non-negative.", nameof(value));
            _nodeGain = [.. value];
        }
    }

    /// <summary>The bitset of category codes a categorical node sends left, or null for a numeric node.</summary>
    public IReadOnlyList<ulong>? CategoriesLeft(int node) => _categoriesLeft[node];

    /// <summary>Whether <paramref name="node"/> splits a categorical feature.</summary>
    public bool IsCategorical(int node) => _categoriesLeft[node] is not null;

    /// <summary>The leaf a row lands in.</summary>
    public int LeafIndex(ReadOnlySpan<double> row)
    {
        if (_feature.Length == 0) return 0;
        int node = 0;
        while (node >= 0)
            node = GoesLeft(node, row[_feature[node]]) ? _left[node] : _right[node];
        return ~node;
    }

    /// <summary>The tree's raw contribution for one row.</summary>
    public double Evaluate(ReadOnlySpan<double> row) => _leafValues[LeafIndex(row)];

    /// <summary>Whether a value at <paramref name="node"/> goes to the left child (missing and unknown codes follow the default).</summary>
    public bool GoesLeft(int node, double value)
    {
        if (double.IsNaN(value)) return _defaultLeft[node];
        var categories = _categoriesLeft[node];
        if (categories is null) return value <= _threshold[node];
        if (value < 0 || value != Math.Floor(value) || value >= categories.Length * 64.0) return _defaultLeft[node];
        int code = (int)value;
        return (categories[code >> 6] & (1UL << (code & 63))) != 0;
    }

    private static void ValidateChildren(int[] children, int leaves)
    {
        foreach (int child in children)
        {
            if (child >= children.Length || (child < 0 && ~child >= leaves))
                throw new ArgumentException($"Child reference {child} points outside the tree.");
        }
    }
}
