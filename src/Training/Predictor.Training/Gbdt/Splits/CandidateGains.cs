using System.Runtime.Intrinsics;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// Scores split candidates four at a time with exactly the arithmetic of <see cref="LeafObjective"/> (the same IEEE
/// operations in the same order, lane by lane, and no fused multiply-add), so a vector-scored split is bit for bit the
/// one a candidate-by-candidate scan finds. The two divisions per candidate are what split finding spends its time on;
/// four lanes overlap them.
/// </summary>
internal static class CandidateGains
{
    public static void Score(ThresholdCandidates candidates, LeafObjective objective, in SplitContext context, int monotone)
    {
        int count = candidates.Count;
        var minRows = Vector256.Create((double)objective.MinRows);
        var minHessian = Vector256.Create(objective.MinHessian);
        var l1 = Vector256.Create(objective.L1);
        var l2 = Vector256.Create(objective.L2);
        var lower = Vector256.Create(context.Bounds.Lower);
        var upper = Vector256.Create(context.Bounds.Upper);
        var parent = Vector256.Create(context.ParentScore);
        Span<double> gains = stackalloc double[Vector256<double>.Count];
        for (int i = 0; i < count; i += Vector256<double>.Count)
        {
            // Lanes past the last candidate read stale values; they are never marked allowed below.
            var lg = Vector256.Create(candidates.LeftGradient, i);
            var lh = Vector256.Create(candidates.LeftHessian, i);
            var rg = Vector256.Create(candidates.RightGradient, i);
            var rh = Vector256.Create(candidates.RightHessian, i);
            var allowed = Vector256.GreaterThanOrEqual(Vector256.Create(candidates.LeftCount, i), minRows)
                & Vector256.GreaterThanOrEqual(lh, minHessian)
                & Vector256.GreaterThanOrEqual(Vector256.Create(candidates.RightCount, i), minRows)
                & Vector256.GreaterThanOrEqual(rh, minHessian);
            var wl = Weight(lg, lh, l1, l2, lower, upper);
            var wr = Weight(rg, rh, l1, l2, lower, upper);
            // Left holds the smaller values: an increasing constraint needs wl <= wr.
            if (monotone > 0) allowed &= ~Vector256.GreaterThan(wl, wr);
            else if (monotone < 0) allowed &= ~Vector256.LessThan(wl, wr);
            var gain = (LeafScore(lg, lh, wl, l1, l2) + LeafScore(rg, rh, wr, l1, l2)) - parent;
            gain.CopyTo(gains);
            uint mask = allowed.ExtractMostSignificantBits();
            for (int lane = 0; lane < Vector256<double>.Count && i + lane < count; lane++)
            {
                candidates.Gains[i + lane] = gains[lane];
                candidates.Allowed[i + lane] = (mask & (1u << lane)) != 0;
            }
        }
    }

    /// <summary><see cref="LeafObjective.Weight"/>: −T_α(G)/(H + λ), 0 when H + λ is not positive, clamped to the bounds.</summary>
    private static Vector256<double> Weight(Vector256<double> g, Vector256<double> h, Vector256<double> l1, Vector256<double> l2,
        Vector256<double> lower, Vector256<double> upper)
    {
        var denominator = h + l2;
        var shrunk = Vector256.ConditionalSelect(Vector256.GreaterThan(g, l1), g - l1,
            Vector256.ConditionalSelect(Vector256.LessThan(g, -l1), g + l1, Vector256<double>.Zero));
        var weight = Vector256.ConditionalSelect(Vector256.GreaterThan(denominator, Vector256<double>.Zero), -shrunk / denominator, Vector256<double>.Zero);
        // Math.Clamp: below the lower bound gives it, else above the upper bound gives that, else the value.
        return Vector256.ConditionalSelect(Vector256.LessThan(weight, lower), lower,
            Vector256.ConditionalSelect(Vector256.GreaterThan(weight, upper), upper, weight));
    }

    /// <summary><see cref="LeafObjective.Score"/>: −(2(G·w + α|w|) + (H + λ)·w·w).</summary>
    private static Vector256<double> LeafScore(Vector256<double> g, Vector256<double> h, Vector256<double> w, Vector256<double> l1, Vector256<double> l2) =>
        -((Vector256.Create(2.0) * ((g * w) + (l1 * Vector256.Abs(w)))) + (((h + l2) * w) * w));
}
