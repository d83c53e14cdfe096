using Microsoft.ML.Trainers.FastTree;
using Predictor.Scoring.Trees;
using MLNetTree = Microsoft.ML.Trainers.FastTree.RegressionTree;
using RegressionTree = Predictor.Scoring.Trees.RegressionTree;

namespace Predictor.Training.MLNet.Conversion;

/// <summary>
/// Turns a fitted ML.NET tree ensemble (FastTree or LightGBM, read through ML.NET's public
/// <see cref="RegressionTreeEnsemble"/>) into our <see cref="TreeEnsemble"/> over named input features, so that every
/// consumer of our model file (predict, TreeSHAP, ONNX and C# export, the worker) serves it.
/// <para>
/// ML.NET's rules, as its trees apply them to a float feature vector: a numerical node sends <c>slot &lt;= threshold</c>
/// to its left (LTE) child; a categorical node sends a row right when any of the node's listed one-hot slots is
/// non-zero, else left; the raw score is <c>Bias + Σ weight × leaf</c>. Our trees read the original features as
/// doubles, so each slot test becomes a test on the feature it was made from:
/// </para>
/// <list type="bullet">
/// <item>value slot: the same comparison, with the threshold moved to the largest double that rounds to a float at or
/// below ML.NET's float threshold (ML.NET compares the value after rounding it to float); a missing value goes where
/// its replacement goes, or right when NaN reaches the tree (NaN &lt;= t is false);</item>
/// <item>missing-indicator slot: "is present" (every finite value &lt;= <see cref="double.MaxValue"/>) to the child
/// indicator 0 reaches, missing to the child indicator 1 reaches;</item>
/// <item>level-indicator slots: a categorical split whose left set holds the levels whose one-hot row reaches the
/// left child; missing and unknown levels (all zeros) go where zero goes.</item>
/// </list>
/// </summary>
public static class MLNetTreeConverter
{
    /// <summary>
    /// The ensemble's raw score as ours: <paramref name="scale"/> × (Bias + Σ weight × tree) + <paramref name="shift"/>.
    /// With scale 1 and shift 0 it reproduces ML.NET's <c>Score</c> column; with a Platt calibrator's
    /// (−slope, −offset) its logistic transform reproduces ML.NET's <c>Probability</c>.
    /// </summary>
    /// <param name="ensemble">ML.NET's trees.</param>
    /// <param name="features">Our model's features.</param>
    /// <param name="slots">What each slot of ML.NET's feature vector is in terms of <paramref name="features"/>.</param>
    /// <param name="scale">Multiplies every tree and the bias.</param>
    /// <param name="shift">Added to the scaled bias.</param>
    /// <param name="missingGoesLeft">Per tree and node, where ML.NET sends NaN at that split (LightGBM keeps a direction
    /// per node); null, or a null entry, where it is FastTree's rule (NaN fails <c>value &lt;= threshold</c>: right).</param>
    public static TreeEnsemble Convert(RegressionTreeEnsemble ensemble, IReadOnlyList<ModelFeature> features, IReadOnlyList<FeatureSlot> slots,
        double scale = 1.0, double shift = 0.0, IReadOnlyList<IReadOnlyList<bool?>>? missingGoesLeft = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(slots);
        var trees = new List<RegressionTree>(ensemble.Trees.Count);
        for (int t = 0; t < ensemble.Trees.Count; t++)
            trees.Add(ConvertTree(ensemble.Trees[t], ensemble.TreeWeights[t] * scale, features, slots, missingGoesLeft?[t]));
        return new TreeEnsemble(features, trees, ensemble.Bias * scale + shift);
    }

    private static RegressionTree ConvertTree(MLNetTree tree, double weight, IReadOnlyList<ModelFeature> features, IReadOnlyList<FeatureSlot> slots,
        IReadOnlyList<bool?>? missingGoesLeft)
    {
        int nodes = tree.NumberOfNodes;
        var leafValues = new double[tree.NumberOfLeaves];
        for (int l = 0; l < leafValues.Length; l++) leafValues[l] = tree.LeafValues[l] * weight;
        if (nodes == 0) return new RegressionTree([], [], [], [], [], [], leafValues);
        var feature = new int[nodes];
        var threshold = new double[nodes];
        var defaultLeft = new bool[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var categories = new ulong[]?[nodes];
        for (int n = 0; n < nodes; n++)
        {
            int lte = tree.LeftChild[n], gt = tree.RightChild[n];
            if (tree.CategoricalSplitFlags[n])
            {
                var listed = tree.GetCategoricalSplitFeaturesAt(n);
                int f = -1;
                var goesRight = new HashSet<int>();
                foreach (int slot in listed)
                {
                    var s = Slot(slots, slot);
                    // A slot that is always zero (a level our features never take) never sends a row right.
                    if (s.Kind == SlotKind.LevelIndicator && s.Level < 0) continue;
                    if (s.Kind != SlotKind.LevelIndicator || (f >= 0 && s.Feature != f))
                        throw new NotSupportedException($"A categorical split of an ML.NET tree lists slot {slot}, which is not a one-hot level of a single categorical feature.");
                    f = s.Feature;
                    goesRight.Add(s.Level);
                }
                if (f < 0) throw new NotSupportedException("A categorical split of an ML.NET tree lists no slot that our features can set.");
                feature[n] = f;
                categories[n] = LevelSet(features[f].Levels.Count, level => !goesRight.Contains(level));
                // Missing and unknown levels are all zeros: no listed slot is set, so they go left.
                defaultLeft[n] = true;
                (left[n], right[n]) = (lte, gt);
                continue;
            }
            float t = tree.NumericalSplitThresholds[n];
            var meaning = Slot(slots, tree.NumericalSplitFeatureIndexes[n]);
            feature[n] = meaning.Feature;
            switch (meaning.Kind)
            {
                case SlotKind.Value:
                    threshold[n] = LargestDoubleRoundingAtOrBelow(t);
                    defaultLeft[n] = meaning.Replacement is { } r ? r <= t : missingGoesLeft?[n] ?? false;
                    (left[n], right[n]) = (lte, gt);
                    break;
                case SlotKind.MissingIndicator:
                    threshold[n] = double.MaxValue;
                    int present = 0f <= t ? lte : gt, missing = 1f <= t ? lte : gt;
                    if (present == missing)
                        throw new NotSupportedException($"An ML.NET tree splits the missing indicator of '{features[meaning.Feature].Name}' at {t}, which separates nothing.");
                    (left[n], right[n], defaultLeft[n]) = (present, missing, false);
                    break;
                case SlotKind.LevelIndicator:
                    if (meaning.Level < 0)
                        throw new NotSupportedException($"An ML.NET tree splits slot {tree.NumericalSplitFeatureIndexes[n]}, which is constant.");
                    int other = 0f <= t ? lte : gt, level = 1f <= t ? lte : gt;
                    if (other == level)
                        throw new NotSupportedException($"An ML.NET tree splits a one-hot level of '{features[meaning.Feature].Name}' at {t}, which separates nothing.");
                    // Left: every level but this one (and missing, all zeros); right: this level.
                    int chosen = meaning.Level;
                    categories[n] = LevelSet(features[meaning.Feature].Levels.Count, l => l != chosen);
                    (left[n], right[n], defaultLeft[n]) = (other, level, true);
                    break;
            }
        }
        return new RegressionTree(feature, threshold, defaultLeft, left, right, categories, leafValues);
    }

    /// <summary>
    /// The largest double <c>d</c> with <c>(float)d &lt;= t</c>: ML.NET rounds each value to float before comparing it
    /// with its float threshold, and our trees compare the double, so this threshold routes every double as ML.NET does.
    /// Round-to-nearest-even decides the midpoint between <paramref name="t"/> and the next float.
    /// </summary>
    public static double LargestDoubleRoundingAtOrBelow(float t)
    {
        if (float.IsNaN(t)) throw new NotSupportedException("An ML.NET tree has a NaN threshold.");
        if (t >= float.MaxValue) return double.MaxValue;
        double mid = ((double)t + float.BitIncrement(t)) / 2;
        bool evenMantissa = (BitConverter.SingleToInt32Bits(t) & 1) == 0;
        return evenMantissa ? mid : Math.BitDecrement(mid);
    }

    private static FeatureSlot Slot(IReadOnlyList<FeatureSlot> slots, int index) =>
        index >= 0 && index < slots.Count ? slots[index]
        : throw new NotSupportedException($"An ML.NET tree reads feature slot {index}; the feature vector has {slots.Count}.");

    private static ulong[] LevelSet(int levels, Func<int, bool> left)
    {
        var bits = new ulong[Math.Max(1, (levels + 63) / 64)];
        for (int l = 0; l < levels; l++)
        {
            if (left(l)) bits[l >> 6] |= 1UL << (l & 63);
        }
        return bits;
    }
}
