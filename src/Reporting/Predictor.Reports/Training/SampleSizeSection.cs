using Predictor.Reporting.Html;

namespace Predictor.Reports.Training;

/// <summary>The Riley et al. (BMJ 2020) minimum sample size, criterion by criterion, against the cohort's size.</summary>
internal static class SampleSizeSection
{
    public static void Write(HtmlReport report, TrainingReportInput input)
    {
        var s = input.SampleSize;
        bool enough = input.Result.Rows >= s.Required;
        report.Heading("Sample size (Riley et al.)", "sample-size")
            .Table(["Quantity", "Value"],
            [
                ["Candidate predictor parameters", ReportNumbers.Count(s.Parameters)],
                ["Outcome prevalence", ReportNumbers.Fixed(s.Prevalence, 3)],
                ["Anticipated Cox-Snell R² (from the cross-validated AUC)", ReportNumbers.Fixed(s.CoxSnellR2, 3)],
                ["Maximum Cox-Snell R²", ReportNumbers.Fixed(s.MaxR2, 3)],
                ["Criterion 1: expected shrinkage ≥ 0.9", ReportNumbers.Count(s.Criterion1)],
                ["Criterion 2: optimism in Nagelkerke R² ≤ 0.05", ReportNumbers.Count(s.Criterion2)],
                ["Criterion 3: overall risk within ± 0.05", ReportNumbers.Count(s.Criterion3)],
                ["Minimum sample size", ReportNumbers.Count(s.Required)],
                ["Events per parameter at the minimum", ReportNumbers.Fixed(s.EventsPerParameter, 1)],
                ["Rows in this cohort", ReportNumbers.Count(input.Result.Rows)],
                ["Verdict", enough ? "meets the minimum" : "BELOW the minimum"],
            ], highlight: enough ? null : 10)
            .Paragraph("pmsampsize's criteria for a binary outcome; parameters counted as a logistic design counts them (one per numeric feature, one per non-reference level).", note: true);
    }
}
