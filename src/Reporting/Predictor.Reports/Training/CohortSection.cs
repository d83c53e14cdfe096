using Predictor.Reporting.Html;

namespace Predictor.Reports.Training;

/// <summary>The cohort summary: size, outcomes and missing values per feature (counts only, never a patient's values).</summary>
internal static class CohortSection
{
    public static void Write(HtmlReport report, CohortSummary cohort, string label)
    {
        report.Heading("Cohort", "cohort")
            .Table(["Quantity", "Value"],
            [
                ["Rows (patients with a label)", ReportNumbers.Count(cohort.Rows)],
                [$"Positives ({label} = 1)", $"{ReportNumbers.Count(cohort.Positives)} ({ReportNumbers.Percent(cohort.Prevalence)})"],
                ["Negatives", ReportNumbers.Count(cohort.Rows - cohort.Positives)],
                ["Candidate features", ReportNumbers.Count(cohort.Features.Count)],
            ]);
        var incomplete = cohort.Features.Where(f => f.Missing > 0).ToList();
        if (incomplete.Count > 0)
        {
            report.Table(["Feature", "Kind", "Missing", "Missing %"],
                incomplete.Select(f => (IReadOnlyList<string>)[f.Name, f.Kind, ReportNumbers.Count(f.Missing), ReportNumbers.Percent(f.Share)]),
                "Missing values per feature, for the features that have any; the trees send a missing value down the branch learned for it, and a linear term gives it its own fitted value.");
        }
        var complete = cohort.Features.Where(f => f.Missing == 0).Select(f => f.Name).ToList();
        report.Paragraph((complete.Count, incomplete.Count) switch
        {
            (0, _) => "Every feature has missing values.",
            (_, 0) => "No feature has missing values.",
            _ => $"No missing values in the other {complete.Count} feature(s): {string.Join(", ", complete)}.",
        }, note: true);
    }
}
