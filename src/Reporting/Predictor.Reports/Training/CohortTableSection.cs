using Predictor.Reporting.Html;

namespace Predictor.Reports.Training;

/// <summary>Writes <see cref="CohortTable"/>: patients by outcome, as a clinical paper's Table 1.</summary>
internal static class CohortTableSection
{
    public static void Write(HtmlReport report, IReadOnlyList<CohortTableRow> rows, CohortSummary cohort, string label)
    {
        report.Heading("Patients by outcome (Table 1)", "table-1")
            .Table(
            [
                "Feature", "Unit", $"Resistant ({label} = 1), n = {ReportNumbers.Count(cohort.Positives)}",
                $"Not resistant ({label} = 0), n = {ReportNumbers.Count(cohort.Rows - cohort.Positives)}", $"All, n = {ReportNumbers.Count(cohort.Rows)}", "Missing, n (%)",
            ],
            rows.Select(r => Cells(r, cohort.Rows)),
            "Measurements: median [interquartile range, 25th–75th percentile]. Categories and yes/no features: n (%) of the patients with the value recorded. " +
            $"Numeric features with at most {CohortTable.MaxCountedValues} distinct whole values are counted per value. Missing: patients without a value, of all {ReportNumbers.Count(cohort.Rows)}.");
    }

    private static IReadOnlyList<string> Cells(CohortTableRow row, int rows)
    {
        string missing = row.Missing is { } m ? $"{ReportNumbers.Count(m)} ({ReportNumbers.Percent(m / (double)rows)})" : "";
        string name = row.Level is null ? row.Feature : $"{row.Feature} = {row.Level}";
        if (row.Groups.Count == 0) return [name, row.Unit, "", "", "", missing];
        var cells = row.Groups.Select(g => row.IsCount
            ? $"{ReportNumbers.Count(g.Count)} ({ReportNumbers.Percent(g.Share)})"
            : g.Present == 0 ? "NA" : $"{ReportNumbers.Fixed(g.Median, row.Decimals)} [{ReportNumbers.Fixed(g.Lower, row.Decimals)}–{ReportNumbers.Fixed(g.Upper, row.Decimals)}]");
        return [name, row.Unit, .. cells, missing];
    }
}
