using Predictor.Reporting.Charts;
using Predictor.Scoring.Trees;

namespace Predictor.Reports.Training;

/// <summary>
/// The SHAP summary (beeswarm) for the top features: one dot per patient at its contribution, coloured by the patient's
/// value of that feature (5th–95th percentile scale for numbers, level order for categories, grey when missing).
/// </summary>
public static class ShapSummaryChart
{
    public const string Id = "shap-summary";

    /// <summary>Most patients drawn per row: beyond this, every k-th patient is drawn (the file stays small, the picture the same).</summary>
    public const int MaxDots = 1000;

    public static BeeswarmChart Build(ShapValues shap, int topFeatures)
    {
        ArgumentNullException.ThrowIfNull(shap);
        ArgumentOutOfRangeException.ThrowIfLessThan(topFeatures, 1);
        int rows = shap.Contributions.Count == 0 ? 0 : shap.Contributions[0].Length;
        int stride = Math.Max(1, (int)Math.Ceiling(rows / (double)MaxDots));
        var drawn = Enumerable.Range(0, rows).Where(r => r % stride == 0).ToArray();
        var chartRows = shap.Ranking.Take(topFeatures).Select(f =>
        {
            var shades = Shades(shap.Features[f], shap.Values[f]);
            return new BeeswarmRow(shap.Features[f].Name, [.. drawn.Select(r => shap.Contributions[f][r])], [.. drawn.Select(r => shades[r])]);
        });
        return new BeeswarmChart("SHAP summary: contribution per patient (log-odds)", "SHAP value (impact on log-odds of resistance)", [.. chartRows])
        {
            Id = Id,
            Width = 760,
        };
    }

    /// <summary>Shades in [0, 1] for a feature's values; NaN stays NaN (missing).</summary>
    public static double[] Shades(ModelFeature feature, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(values);
        double lo, hi;
        if (feature.Kind == FeatureKind.Categorical)
        {
            lo = 0;
            hi = Math.Max(1, feature.Levels.Count - 1);
        }
        else
        {
            var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
            if (present.Length == 0) return [.. values];
            // Percentiles rather than min/max, as the SHAP library does: one outlier should not wash out every other colour.
            lo = present[(int)Math.Floor(0.05 * (present.Length - 1))];
            hi = present[(int)Math.Ceiling(0.95 * (present.Length - 1))];
        }
        return [.. values.Select(v => double.IsNaN(v) ? double.NaN : hi > lo ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5)];
    }
}
