using Predictor.Training.Gbdt;

namespace Predictor.Training.Tuning;

/// <summary>
/// The candidate settings searched by <see cref="GbdtTuner"/>, sized to the data. Small cohorts only get shallow,
/// strongly regularised ensembles with a slow learning rate, because with a few dozen events anything deeper memorises
/// noise; larger cohorts may grow bigger trees. Every size also tries an additive model (stumps: one split per tree,
/// so no interactions), which is what a largely additive risk on the log-odds scale needs and what a logistic
/// regression assumes. Tree counts are not in the grid: early stopping picks them.
/// </summary>
public static class TuningGrid
{
    /// <summary>Rounds of patience before cross-validated early stopping gives up on a candidate.</summary>
    public const int EarlyStoppingPatience = 40;

    public static IReadOnlyList<GbdtOptions> For(int rows, GbdtOptions start)
    {
        ArgumentNullException.ThrowIfNull(start);
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
