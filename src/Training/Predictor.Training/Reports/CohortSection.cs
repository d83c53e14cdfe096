using Predictor.Reporting.Html;

namespace Predictor.Training.Reports;

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
            ])
            .Table(["Feature", "Kind", "Missing", "Missing %"],
                cohort.Features.Select(f => (IReadOnlyList<string>)[f.Name, f.Kind, ReportNumbers.Count(f.Missing), ReportNumbers.Percent(f.Share)]),
                "Missing values per feature; the trees send a missing value down the branch learned for it.");
    }
}
