using System.Runtime.CompilerServices;
using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// The second-order (Newton) view of a leaf: for gradient sum G and hessian sum H, the regularised loss
/// G·w + ½(H + λ)w² + α|w| is minimised by w = −T_α(G)/(H + λ), where T_α shrinks G towards zero by α (L1).
/// Scores are twice the loss reduction, as in XGBoost, so split gains are directly comparable with its loss_chg.
/// </summary>
public sealed class LeafObjective
{
    public LeafObjective(double l1, double l2, int minRows, double minHessian)
    {
        if (!(l1 >= 0) || !(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l1), "L1 and L2 must be non-negative.");
        L1 = l1;
        L2 = l2;
        MinRows = minRows;
        MinHessian = minHessian;
    }

    public double L1 { get; }

    public double L2 { get; }

    public int MinRows { get; }

    public double MinHessian { get; }

    /// <summary>Whether a child with these statistics is allowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAllowedLeaf(in BinStats stats) => stats.Count >= MinRows && stats.Hessian >= MinHessian;

    /// <summary>The Newton step for a leaf, kept inside <paramref name="bounds"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Weight(in BinStats stats, LeafBounds bounds)
    {
        double denominator = stats.Hessian + L2;
        double weight = denominator > 0 ? -ShrinkL1(stats.Gradient) / denominator : 0;
        return bounds.Clamp(weight);
    }

    /// <summary>Twice the loss reduction a leaf with value <paramref name="weight"/> achieves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Score(in BinStats stats, double weight) =>
        -(2 * (stats.Gradient * weight + L1 * Math.Abs(weight)) + (stats.Hessian + L2) * weight * weight);

    private double ShrinkL1(double gradient) =>
        gradient > L1 ? gradient - L1 : gradient < -L1 ? gradient + L1 : 0;
}
