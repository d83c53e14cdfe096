namespace Predictor.Reports.Training;

/// <summary><c>train --json</c>'s <c>linear_terms</c>: the report's linear-terms section as data (snake_case names, null for NA).</summary>
public static class LinearTermsJson
{
    /// <summary>
    /// The model's linear terms, the same numbers as the report's section: log-odds per unit and per SD, odds ratios,
    /// bootstrap percentile intervals (or why there are none) and the terms the lasso dropped.
    /// </summary>
    public static object Describe(LinearTerms terms, bool bootstrapRan, int trees)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new
        {
            start = terms.Start?.Kind,
            penalty = terms.Start?.Penalty,
            l1_ratio = terms.Start?.L1Ratio,
            trees_on_top = trees,
            interval_method = terms.Start is null || terms.NoIntervalReason(bootstrapRan) is not null ? null : "bootstrap_percentile",
            no_interval_reason = terms.Start is null ? "the model has no linear terms: boosting starts from the base rate" : terms.NoIntervalReason(bootstrapRan),
            bootstrap_replicates = terms.Replicates,
            bootstrap_replicates_with_start = terms.ReplicatesWithStart,
            dropped = terms.Rows.GroupBy(r => r.Feature).Where(g => g.All(r => r.Dropped)).Select(g => g.Key),
            terms = terms.Rows.Select(r => new
            {
                feature = r.Feature,
                level = r.Level,
                unit = r.Unit,
                dropped = r.Dropped,
                log_odds_per_unit = r.PerUnit,
                odds_ratio = r.OddsRatio,
                odds_ratio_ci_lower = r.Interval is { } ci ? Math.Exp(ci.Lower) : (double?)null,
                odds_ratio_ci_upper = r.Interval is { } cu ? Math.Exp(cu.Upper) : (double?)null,
                sd = r.Level is null ? Number(r.StandardDeviation) : null,
                log_odds_per_sd = r.Level is null ? Number(r.PerSd) : null,
                odds_ratio_per_sd = r.Level is null ? Number(r.OddsRatioPerSd) : null,
                odds_ratio_per_sd_ci_lower = r.Level is null && r.Interval is { } sl ? Number(Math.Exp(sl.Lower * r.StandardDeviation)) : null,
                odds_ratio_per_sd_ci_upper = r.Level is null && r.Interval is { } su ? Number(Math.Exp(su.Upper * r.StandardDeviation)) : null,
                kept_in_bootstrap = Number(r.KeptShare),
            }),
        };
    }

    /// <summary>A figure for JSON: null when it is not a number.</summary>
    private static double? Number(double value) => double.IsFinite(value) ? value : null;
}
