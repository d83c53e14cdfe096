using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Training.SampleSize;

/// <summary>The minimum sample size for a training set, with its parameters counted as the models count them.</summary>
public static class TrainingSetSampleSize
{
    /// <summary>
    /// Riley et al. minimum size with the candidate parameters counted as the logistic design counts them (one per
    /// numeric feature, one per level of a categorical one) and R² anticipated from the cross-validated C-statistic
    /// (or C = 0.7 when that is not above 0.5).
    /// </summary>
    public static SampleSizeRequirement Compute(TrainingSet data, double crossValidatedAuc)
    {
        ArgumentNullException.ThrowIfNull(data);
        int parameters = data.Features.Sum(f => f.Kind == FeatureKind.Categorical ? Math.Max(1, f.Levels.Count - 1) : 1);
        double prevalence = data.Labels.Average();
        double c = crossValidatedAuc is > 0.5 and < 0.999 ? crossValidatedAuc : 0.7;
        return SampleSizeRequirement.Compute(parameters, prevalence, CoxSnellFromCStatistic.Compute(c, prevalence));
    }
}
