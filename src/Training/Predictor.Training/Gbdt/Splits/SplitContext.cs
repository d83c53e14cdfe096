using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>Everything a split search on one leaf needs to know about that leaf.</summary>
public readonly record struct SplitContext(BinStats Total, LeafBounds Bounds, double ParentScore)
{
    public static SplitContext For(BinStats total, LeafBounds bounds, LeafObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return new(total, bounds, objective.Score(total, objective.Weight(total, bounds)));
    }
}
