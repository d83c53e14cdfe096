using Predictor.Scoring.Trees;
using Predictor.Training.Concurrency;
using Predictor.Training.Gbdt.Binning;

namespace Predictor.Training.Gbdt.Growing;

/// <summary>
/// A tree as the grower builds it: splits expressed in bins. It scores binned rows (training and validation) and
/// converts to the scoring library's <see cref="RegressionTree"/> with real thresholds and level sets.
/// </summary>
public sealed class GrownTree
{
    private readonly List<Node> _nodes = [];
    private double[] _leafValues = [0];
    private double[] _leafCovers = [0];

    public int NodeCount => _nodes.Count;

    public IReadOnlyList<double> LeafValues => _leafValues;

    /// <summary>
    /// Adds a split of the leaf that <paramref name="parentSlot"/> points at; returns the node index. The cover (hessian
    /// sum of the rows reaching the node) is kept because TreeSHAP weighs paths by it; the split's gain feeds global
    /// importance.
    /// </summary>
    internal int AddNode(int feature, bool isCategorical, int thresholdBin, bool[] goesLeft, int leftLeaf, int rightLeaf, (int Node, bool Left)? parentSlot, double cover, double gain)
    {
        _nodes.Add(new Node(feature, isCategorical, thresholdBin, goesLeft) { Left = ~leftLeaf, Right = ~rightLeaf, Cover = cover, Gain = gain });
        int index = _nodes.Count - 1;
        if (parentSlot is { } slot)
        {
            if (slot.Left) _nodes[slot.Node].Left = index; else _nodes[slot.Node].Right = index;
        }
        return index;
    }

    internal void SetLeafValues(double[] values, double[] covers)
    {
        _leafValues = values;
        _leafCovers = covers;
    }

    /// <summary>The leaf a binned row lands in.</summary>
    public int LeafOf(BinnedMatrix matrix, int row)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (_nodes.Count == 0) return 0;
        int node = 0;
        while (node >= 0)
        {
            var n = _nodes[node];
            node = n.GoesLeft[matrix.ColumnArray(n.Feature)[row]] ? n.Left : n.Right;
        }
        return ~node;
    }

    /// <summary>Adds this tree's output to every row's raw score.</summary>
    public void AddTo(BinnedMatrix matrix, double[] raw, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(raw);
        const int block = 1 << 14;
        int blocks = (raw.Length + block - 1) / block;
        BlockLoop.For(blocks, parallel, b =>
        {
            int end = Math.Min(raw.Length, (b + 1) * block);
            for (int row = b * block; row < end; row++) raw[row] += _leafValues[LeafOf(matrix, row)];
        });
    }

    /// <summary>
    /// Adds this tree's output to the raw score of every row NOT in <paramref name="grownOn"/> (ascending): with row
    /// subsampling, the rows a tree was grown on already know their leaf from the partition, so only the others are
    /// routed through the tree.
    /// </summary>
    public void AddToOtherRows(BinnedMatrix matrix, ReadOnlySpan<int> grownOn, double[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        int next = 0;
        for (int row = 0; row < raw.Length; row++)
        {
            if (next < grownOn.Length && grownOn[next] == row)
            {
                next++;
                continue;
            }
            raw[row] += _leafValues[LeafOf(matrix, row)];
        }
    }

    public RegressionTree ToRegressionTree(IReadOnlyList<BinMapper> mappers)
    {
        ArgumentNullException.ThrowIfNull(mappers);
        int count = _nodes.Count;
        var feature = new int[count];
        var threshold = new double[count];
        var defaultLeft = new bool[count];
        var left = new int[count];
        var right = new int[count];
        var categories = new ulong[]?[count];
        var cover = new double[count];
        var gain = new double[count];
        for (int i = 0; i < count; i++)
        {
            var node = _nodes[i];
            feature[i] = node.Feature;
            defaultLeft[i] = node.GoesLeft[0];
            left[i] = node.Left;
            right[i] = node.Right;
            cover[i] = node.Cover;
            gain[i] = node.Gain;
            var mapper = mappers[node.Feature];
            if (node.IsCategorical)
            {
                var bits = new ulong[(mapper.ValueBinCount + 63) / 64];
                for (int bin = 1; bin < node.GoesLeft.Length; bin++)
                {
                    if (node.GoesLeft[bin]) bits[(bin - 1) >> 6] |= 1UL << ((bin - 1) & 63);
                }
                categories[i] = bits;
            }
            else
            {
                threshold[i] = mapper.UpperBound(node.ThresholdBin);
            }
        }
        return new RegressionTree(feature, threshold, defaultLeft, left, right, categories, (double[])_leafValues.Clone(), cover, (double[])_leafCovers.Clone())
        {
            NodeGain = gain,
        };
    }

    private sealed class Node(int feature, bool isCategorical, int thresholdBin, bool[] goesLeft)
    {
        public int Feature { get; } = feature;
        public bool IsCategorical { get; } = isCategorical;
        public int ThresholdBin { get; } = thresholdBin;
        public bool[] GoesLeft { get; } = goesLeft;
        public int Left { get; set; }
        public int Right { get; set; }
        public double Cover { get; init; }
        public double Gain { get; init; }
    }
}
