using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Explanations;

/// <summary>
/// Model-wide feature importance read off the trees: split count, total gain and total cover per feature (the
/// definitions of XGBoost's <c>weight</c>, <c>total_gain</c> and <c>total_cover</c>). A feature that never splits
/// scores zero on all three. These describe the model, not the data; for the data's view use permutation importance
/// (<c>Predictor.Training.Evaluation.PermutationImportance</c>).
/// They count the trees only: a model's linear margin (<see cref="TreeEnsemble.Linear"/>) has no splits, gains or
/// covers, so a feature whose effect the margin carries in a straight line can rank low or score zero here while
/// driving the predictions. For such models read the margin's terms, or TreeSHAP and permutation importance, which
/// include it.
/// </summary>
public static class GlobalImportance
{
    /// <summary>Importance of every feature, in the model's feature order.</summary>
    public static IReadOnlyList<FeatureImportance> Compute(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int width = model.Features.Count;
        var splits = new int[width];
        var gain = new double[width];
        var cover = new double[width];
        bool hasGain = model.Trees.All(t => t.NodeCount == 0 || t.NodeGain is not null);
        bool hasCover = TreeShap.CanExplain(model);
        foreach (var tree in model.Trees)
        {
            for (int node = 0; node < tree.NodeCount; node++)
            {
                int f = tree.SplitFeature[node];
                splits[f]++;
                if (hasGain) gain[f] += tree.NodeGain![node];
                if (hasCover) cover[f] += tree.NodeCover![node];
            }
        }
        return [.. model.Features.Select((feature, f) =>
            new FeatureImportance(feature.Name, splits[f], hasGain ? gain[f] : null, hasCover ? cover[f] : null))];
    }

    /// <summary>
    /// Features by total gain, largest first (ties by name). Models without stored gains (files written before
    /// gains were recorded, imported models) are refused rather than ranked by a substitute.
    /// </summary>
    public static IReadOnlyList<FeatureImportance> ByGain(TreeEnsemble model)
    {
        var all = Compute(model);
        if (all.Any(i => i.Gain is null))
            throw new NotSupportedException("This model does not record split gains (written before they were stored); rank by split count or cover, or retrain it.");
        return [.. all.OrderByDescending(i => i.Gain).ThenBy(i => i.Feature, StringComparer.Ordinal)];
    }
}
