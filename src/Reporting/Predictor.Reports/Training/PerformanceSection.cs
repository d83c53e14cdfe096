using Predictor.Reporting.Html;
using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>The performance table: out-of-fold, apparent, the logistic comparator and (when run) optimism-corrected figures.</summary>
internal static class PerformanceSection
{
    public static void Write(HtmlReport report, TrainingReportInput input)
    {
        var r = input.Result;
        var header = new List<string> { "Measure", "Cross-validated (out-of-fold)", "Apparent (final model on its training data)", "Ridge logistic (out-of-fold)" };
        if (input.Bootstrap is not null) header.Add("Optimism-corrected (bootstrap)");
        var rows = new List<IReadOnlyList<string>>
        {
            Row("AUC", s => ReportNumbers.Fixed(s.Auc.Auc, 3), "auc"),
            Row("AUC 95% CI (DeLong)", s => ReportNumbers.Interval(s.Auc.Lower, s.Auc.Upper), null),
            Row("Brier score", s => ReportNumbers.Fixed(s.Brier, 4), "brier"),
            Row("Calibration intercept", s => ReportNumbers.Fixed(s.Calibration.Intercept, 3), "calibration_intercept"),
            Row("Calibration slope", s => ReportNumbers.Fixed(s.Calibration.Slope, 3), "calibration_slope"),
        };
        report.Heading("Performance", "performance")
            .Table(header, rows, "Cross-validated figures score each patient with a model that did not see them; tuning used the same folds, so they are mildly optimistic.");
        if (input.Bootstrap is { } b)
            report.Paragraph($"Optimism bootstrap: {b.Replicates} replicates, each repeating the whole pipeline (tuning and calibration included).", note: true);
        else report.Paragraph(BootstrapNote.Off(r.Rows));

        List<string> Row(string name, Func<PerformanceSummary, string> cell, string? bootstrapMetric)
        {
            var row = new List<string> { name, cell(r.CrossValidated), cell(r.Apparent), cell(r.BaselineCrossValidated) };
            if (input.Bootstrap is { } boot) row.Add(bootstrapMetric is null ? "" : ReportNumbers.Fixed(boot[bootstrapMetric].Corrected, 3));
            return row;
        }
    }
}
