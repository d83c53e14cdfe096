using Predictor.Training.Concurrency;
using Predictor.Training.Gbdt.Binning;
using Predictor.Training.Gbdt.Histograms;
using Predictor.Training.Gbdt.Splits;

namespace Predictor.Training.Gbdt.Growing;

/// <summary>
/// Grows one tree best-first (leaf-wise): repeatedly splits the leaf whose best split gains most, until the leaf
/// budget is spent or no split helps. Only the smaller child of a split gets its histogram built from rows; the larger
/// one's is the parent's minus it. Leaf values are Newton steps times the learning rate, kept inside the bounds that
/// monotone constraints impose.
/// </summary>
public sealed class TreeGrower
{
    private readonly BinnedMatrix _matrix;
    private readonly SplitFinder _finder;
    private readonly HistogramBuilder _builder;
    private readonly HistogramLayout _layout;
    private readonly IReadOnlyList<int> _monotone;
    private readonly int _maxLeaves;
    private readonly int _maxDepth;
    private readonly double _learningRate;
    private readonly Stack<Histogram> _spare = new();
    private readonly ParallelOptions _parallel;

    public TreeGrower(BinnedMatrix matrix, SplitFinder finder, IReadOnlyList<int> monotone, int maxLeaves, int maxDepth,
        double learningRate, ParallelOptions parallel)
    {
        _matrix = matrix ?? throw new ArgumentNullException(nameof(matrix));
        _finder = finder ?? throw new ArgumentNullException(nameof(finder));
        _monotone = monotone ?? throw new ArgumentNullException(nameof(monotone));
        _maxLeaves = maxLeaves;
        _maxDepth = maxDepth;
        _learningRate = learningRate;
        _layout = new HistogramLayout(matrix.Mappers);
        _builder = new HistogramBuilder(matrix, _layout, parallel);
        Partition = new RowPartition(matrix.RowCount, parallel);
        _parallel = parallel;
    }

    /// <summary>After <see cref="Grow"/>: the rows of each leaf (leaf index = the tree's leaf index).</summary>
    public RowPartition Partition { get; }

    public GrownTree Grow(double[] gradients, double[] hessians, ReadOnlySpan<int> rows, bool[] activeFeatures)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(hessians);
        var objective = _finder.Objective;
        var tree = new GrownTree();
        Partition.Reset(rows);
        var rootHistogram = Rent();
        _builder.Build(Partition.Rows(0), gradients, hessians, rootHistogram);
        var leaves = new List<Leaf> { new(rootHistogram.Total(), LeafBounds.Unbounded, 0, null) { Histogram = rootHistogram } };
        Evaluate(leaves[0], activeFeatures);

        while (leaves.Count < _maxLeaves)
        {
            int chosen = -1;
            for (int i = 0; i < leaves.Count; i++)
            {
                if (leaves[i].Best is { } s && (chosen < 0 || s.Gain > leaves[chosen].Best!.Gain)) chosen = i;
            }
            if (chosen < 0) break;
            var parent = leaves[chosen];
            var split = parent.Best!;
            int rightIndex = Partition.Split(chosen, _matrix.ColumnArray(split.Feature), split.GoesLeft);
            int node = tree.AddNode(split.Feature, split.IsCategorical, split.ThresholdBin, split.GoesLeftArray, chosen, rightIndex, parent.Slot, parent.Total.Hessian, split.Gain);
            var (leftBounds, rightBounds) = ChildBounds(parent.Bounds, split);

            var left = new Leaf(split.Left, leftBounds, parent.Depth + 1, (node, true));
            var right = new Leaf(split.Right, rightBounds, parent.Depth + 1, (node, false));
            leaves[chosen] = left;
            leaves.Add(right);
            var histogram = parent.Histogram!;
            parent.Histogram = null;
            if (leaves.Count == _maxLeaves || (!CanSplit(left) && !CanSplit(right)))
            {
                // Neither child will ever be split, so neither needs a histogram.
                _spare.Push(histogram);
                continue;
            }

            // Build the smaller child from rows; the parent's histogram becomes the larger child's by subtraction.
            bool leftSmaller = Partition.Count(chosen) <= Partition.Count(rightIndex);
            var small = Rent();
            _builder.Build(Partition.Rows(leftSmaller ? chosen : rightIndex), gradients, hessians, small);
            histogram.SubtractInPlace(small);
            left.Histogram = leftSmaller ? small : histogram;
            right.Histogram = leftSmaller ? histogram : small;
            Evaluate(left, activeFeatures);
            Evaluate(right, activeFeatures);
        }

        var values = new double[leaves.Count];
        var covers = new double[leaves.Count];
        for (int i = 0; i < leaves.Count; i++)
        {
            covers[i] = leaves[i].Total.Hessian;
            values[i] = _learningRate * objective.Weight(leaves[i].Total, leaves[i].Bounds);
            if (leaves[i].Histogram is { } h) _spare.Push(h);
        }
        tree.SetLeafValues(values, covers);
        return tree;
    }

    /// <summary>Adds the tree's leaf values to the raw scores of the rows it was grown on.</summary>
    public void AddToTrainingScores(GrownTree tree, double[] raw)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(raw);
        // Every row is in exactly one leaf, so leaves can be added in parallel without touching the same score; within
        // one block of rows the thread hand-offs would cost more than the additions.
        if (RowBlocks.For(raw.Length).Count == 1)
        {
            for (int leaf = 0; leaf < Partition.LeafCount; leaf++) AddLeaf(tree, leaf, raw);
            return;
        }
        Parallel.For(0, Partition.LeafCount, _parallel, leaf => AddLeaf(tree, leaf, raw));
    }

    private void AddLeaf(GrownTree tree, int leaf, double[] raw)
    {
        double value = tree.LeafValues[leaf];
        foreach (int row in Partition.Rows(leaf)) raw[row] += value;
    }

    private void Evaluate(Leaf leaf, bool[] activeFeatures)
    {
        var objective = _finder.Objective;
        leaf.Best = CanSplit(leaf)
            ? _finder.FindBest(leaf.Histogram!, SplitContext.For(leaf.Total, leaf.Bounds, objective), activeFeatures)
            : null;
        if (leaf.Best is null && leaf.Histogram is { } h)
        {
            // A leaf that will never split does not need its histogram any more.
            _spare.Push(h);
            leaf.Histogram = null;
        }
    }

    private bool CanSplit(Leaf leaf) =>
        (_maxDepth == 0 || leaf.Depth < _maxDepth) && leaf.Total.Count >= 2 * _finder.Objective.MinRows;

    private (LeafBounds Left, LeafBounds Right) ChildBounds(LeafBounds bounds, SplitCandidate split)
    {
        int direction = split.IsCategorical ? 0 : _monotone[split.Feature];
        if (direction == 0) return (bounds, bounds);
        double mid = (split.LeftWeight + split.RightWeight) / 2;
        return direction > 0
            ? (bounds with { Upper = mid }, bounds with { Lower = mid })
            : (bounds with { Lower = mid }, bounds with { Upper = mid });
    }

    private Histogram Rent() => _spare.Count > 0 ? _spare.Pop() : new Histogram(_layout);

    private sealed class Leaf(BinStats total, LeafBounds bounds, int depth, (int Node, bool Left)? slot)
    {
        public BinStats Total { get; } = total;
        public LeafBounds Bounds { get; } = bounds;
        public int Depth { get; } = depth;
        public (int Node, bool Left)? Slot { get; } = slot;
        public Histogram? Histogram { get; set; }
        public SplitCandidate? Best { get; set; }
    }
}
