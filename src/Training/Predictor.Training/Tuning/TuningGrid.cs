using Predictor.Training.Baselines;
using Predictor.Training.Gbdt;

namespace Predictor.Training.Tuning;

/// <summary>
/// The candidate settings searched by <see cref="GbdtTuner"/>, sized to the data. Small cohorts only get shallow,
/// strongly regularised ensembles with a slow learning rate, because with a few dozen events anything deeper memorises
/// noise; larger cohorts may grow bigger trees. Every size also tries an additive model (stumps: one split per tree,
/// so no interactions), which is what a largely additive risk on the log-odds scale needs and what a logistic
/// regression assumes. Given a penalty, every size also tries boosting from a penalised logistic regression (a linear
/// start) with stumps or shallow trees on top: when the risk is close to linear on the log-odds scale, as in most
/// clinical scores, the straight lines carry it exactly and cross-validation keeps few trees or none; when it is not,
/// the trees add the bends and interactions. Tree counts are not in the grid: early stopping picks them.
/// </summary>
public static class TuningGrid
{
    /// <summary>Rounds of patience before cross-validated early stopping gives up on a candidate.</summary>
    public const int EarlyStoppingPatience = 40;

    /// <param name="rows">Training rows.</param>
    /// <param name="start">Settings the candidates start from (seed, threads, bins...).</param>
    /// <param name="linearStart">Penalty of the linear-start candidates' regression; null leaves them out.</param>
    public static IReadOnlyList<GbdtOptions> For(int rows, GbdtOptions start, Regularisation? linearStart = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        var trees = TreeCandidates(rows, start);
        if (linearStart is not { } penalty) return trees;
        return [.. trees, .. LinearStartCandidates(rows, start, penalty)];
    }

    /// <summary>
    /// Shallow trees on top of a linear start: they only need to find what the straight lines miss, so a slow learning
    /// rate and firm leaf penalties keep them from undoing the regression's shrinkage on noise.
    /// </summary>
    private static IReadOnlyList<GbdtOptions> LinearStartCandidates(int rows, GbdtOptions start, Regularisation penalty)
    {
        int minLeaf = rows < 1000 ? Math.Max(5, rows / 20) : rows < 10000 ? 20 : 40;
        var linear = start with
        {
            LinearStartPenalty = penalty.Penalty, LinearStartL1Ratio = penalty.L1Ratio, LearningRate = 0.05, Trees = 1000, RowSubsample = 0.8, FeatureSubsample = 0.8,
            MinRowsPerLeaf = minLeaf, MinHessianPerLeaf = rows < 1000 ? 0.5 : start.MinHessianPerLeaf, L2 = 10,
        };
        return
        [
            linear with { Leaves = 2, MaxDepth = 1 },
            linear with { Leaves = 4, MaxDepth = 2 },
        ];
    }

    private static IReadOnlyList<GbdtOptions> TreeCandidates(int rows, GbdtOptions start)
    {
        if (rows < 1000)
        {
            // Fewest rows per leaf grows with the cohort, so a leaf always averages several patients.
            int minLeaf = Math.Max(5, rows / 20);
            var baseOptions = start with { LearningRate = 0.05, Trees = 500, RowSubsample = 0.8, FeatureSubsample = 0.8, MinRowsPerLeaf = minLeaf, MinHessianPerLeaf = 0.5 };
            return
            [
                baseOptions with { Leaves = 2, MaxDepth = 1, L2 = 1 },
                baseOptions with { Leaves = 3, MaxDepth = 2, L2 = 1 },
                baseOptions with { Leaves = 3, MaxDepth = 2, L2 = 10 },
                baseOptions with { Leaves = 6, MaxDepth = 3, L2 = 10 },
            ];
        }
        if (rows < 10000)
        {
            var baseOptions = start with { LearningRate = 0.05, Trees = 1000, RowSubsample = 0.8, FeatureSubsample = 0.8, MinRowsPerLeaf = 20, MaxDepth = 0 };
            return
            [
                baseOptions with { Leaves = 2, MaxDepth = 1, L2 = 1, LearningRate = 0.1, Trees = 2000 },
                baseOptions with { Leaves = 4, L2 = 1 },
                baseOptions with { Leaves = 8, L2 = 1 },
                baseOptions with { Leaves = 8, L2 = 10 },
                baseOptions with { Leaves = 16, L2 = 10 },
            ];
        }
        var large = start with { LearningRate = 0.1, Trees = 1000, RowSubsample = 0.8, FeatureSubsample = 0.8, MinRowsPerLeaf = 40, MaxDepth = 0, L2 = 1 };
        return
        [
            large with { Leaves = 2, MaxDepth = 1, Trees = 3000 },
            large with { Leaves = 4, MaxDepth = 2, LearningRate = 0.05, Trees = 3000 },
            large with { Leaves = 8 },
            large with { Leaves = 16 },
        ];
    }
}
