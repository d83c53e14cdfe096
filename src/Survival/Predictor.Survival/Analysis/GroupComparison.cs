using Predictor.Survival.Comparison;
using Predictor.Survival.Data;
using Predictor.Survival.KaplanMeier;

namespace Predictor.Survival.Analysis;

/// <summary>Kaplan–Meier curves of each group (or of everyone) with the log-rank and Peto–Peto tests between groups.</summary>
public sealed record GroupComparison(
    string? GroupColumn, IReadOnlyList<string> Levels, IReadOnlyList<KaplanMeierCurve> Curves,
    LogRankResult? LogRank, LogRankResult? PetoPeto)
{
    public static GroupComparison Run(SurvivalData outcome, Grouping? groups, ConfidenceType confidenceType = ConfidenceType.Log)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (groups is null)
            return new GroupComparison(null, ["all"], [KaplanMeierEstimator.Fit(outcome, confidenceType)], null, null);
        return new GroupComparison(
            groups.Column,
            groups.Levels,
            KaplanMeierEstimator.FitGroups(outcome, groups, confidenceType),
            LogRankTest.Compute(outcome, groups, rho: 0),
            LogRankTest.Compute(outcome, groups, rho: 1));
    }
}
