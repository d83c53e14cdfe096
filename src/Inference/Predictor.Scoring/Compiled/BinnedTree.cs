using System.Runtime.Intrinsics;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// One split of a <see cref="BinnedTree"/>: rows that reached <see cref="Slot"/> go to <see cref="RightSlot"/> where
/// their byte in <see cref="Column"/> is greater than <see cref="Threshold"/> (both stored sign-flipped, see
/// <see cref="ByteColumns"/>), to <see cref="LeftSlot"/> otherwise.
/// </summary>
internal readonly record struct BinnedSplit(int Column, sbyte Threshold, int Slot, int LeftSlot, int RightSlot);

/// <summary>
/// A tree laid out for block evaluation over quantised rows. Every node and leaf owns a "slot": a mask with one byte
/// per row of the block saying whether the row reaches it. Splits are listed parents first (pre-order, root in slot
/// 0), so evaluating them in order turns the root's all-rows mask into the leaves' masks; leaf <c>l</c> owns slot
/// <c>Splits.Length + l</c>. Each row reaches exactly one leaf.
/// </summary>
internal sealed class BinnedTree
{
    /// <summary>Leaf numbers are bytes in the evaluation, so a tree may have at most this many leaves.</summary>
    public const int MaxLeaves = 256;

    /// <summary>Trees with at most this many leaves also keep their leaf values as a register table.</summary>
    public const int TableLeaves = 32;

    private BinnedTree(BinnedSplit[] splits, double[] leafValues)
    {
        Splits = splits;
        LeafValues = leafValues;
        if (leafValues.Length <= TableLeaves)
        {
            var padded = new double[TableLeaves];
            leafValues.CopyTo(padded, 0);
            LeafTable = [.. Enumerable.Range(0, TableLeaves / 8).Select(i => Vector512.Create(padded.AsSpan(i * 8, 8)))];
        }
    }

    /// <summary>The splits, parents before children.</summary>
    public BinnedSplit[] Splits { get; }

    /// <summary>Leaf values by leaf number, as in the source tree.</summary>
    public double[] LeafValues { get; }

    /// <summary>The leaf values padded to <see cref="TableLeaves"/> in four 8-lane vectors, or null for bigger trees.</summary>
    public Vector512<double>[]? LeafTable { get; }

    /// <summary>Number of masks the evaluation needs (splits + leaves).</summary>
    public int SlotCount => Splits.Length + LeafValues.Length;

    /// <summary>Lays out <paramref name="tree"/>, asking <paramref name="columns"/> for the column of each split.</summary>
    public static BinnedTree Create(RegressionTree tree, TreeEnsemble model, IReadOnlyList<ThresholdBins?> bins, ByteColumns columns)
    {
        if (tree.LeafCount > MaxLeaves) throw new ArgumentException($"A tree with {tree.LeafCount} leaves cannot be binned.", nameof(tree));
        int splitCount = tree.NodeCount;
        var order = new List<int>(splitCount);
        var slotOf = new int[splitCount];
        if (splitCount > 0)
        {
            var pending = new Stack<int>();
            pending.Push(0);
            while (pending.Count > 0)
            {
                int node = pending.Pop();
                slotOf[node] = order.Count;
                order.Add(node);
                if (tree.RightChild[node] >= 0) pending.Push(tree.RightChild[node]);
                if (tree.LeftChild[node] >= 0) pending.Push(tree.LeftChild[node]);
            }
        }
        int Slot(int child) => child >= 0 ? slotOf[child] : splitCount + ~child;
        var splits = new BinnedSplit[order.Count];
        for (int i = 0; i < order.Count; i++)
        {
            int node = order[i], feature = tree.SplitFeature[node];
            var (column, threshold) = tree.CategoriesLeft(node) is { } left
                ? columns.ForCategoricalSplit(feature, model.Features[feature].Levels.Count, left, tree.DefaultLeft[node])
                : columns.ForNumericSplit(feature, bins[feature]!, tree.Threshold[node], tree.DefaultLeft[node]);
            splits[i] = new BinnedSplit(column, (sbyte)(threshold - 128), i, Slot(tree.LeftChild[node]), Slot(tree.RightChild[node]));
        }
        return new BinnedTree(splits, [.. tree.LeafValues]);
    }
}
