using Predictor.Reporting.Charts;

namespace Predictor.Reports.Training;

/// <summary>Features ranked by mean |TreeSHAP| over the cohort.</summary>
public static class ImportanceChart
{
    public const string Id = "feature-importance";

    public static BarChart Build(ShapValues shap)
    {
        ArgumentNullException.ThrowIfNull(shap);
        return new BarChart("Feature importance: mean |SHAP value| (log-odds)", "Mean |SHAP value| (log-odds)",
            [.. shap.Ranking.Select(f => new Bar(shap.Features[f].Name, shap.MeanAbsolute[f]))])
        {
            Id = Id,
        };
    }
}
