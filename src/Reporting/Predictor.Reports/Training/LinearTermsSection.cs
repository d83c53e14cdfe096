using System.Globalization;
using Predictor.Reporting.Html;

namespace Predictor.Reports.Training;

/// <summary>The linear part of the model: coefficients per unit and per SD, odds ratios, their bootstrap intervals, and the lasso's drops.</summary>
internal static class LinearTermsSection
{
    public static void Write(HtmlReport report, LinearTerms terms, bool bootstrapRan, int trees)
    {
        report.Heading("Linear terms of the model", "linear-terms");
        if (terms.Start is not { } start)
        {
            report.Paragraph("The model has no linear terms: boosting starts from the base rate (tuning preferred trees alone, or train ran with --linear-start false).");
            return;
        }
        var kept = terms.Rows.Where(r => !r.Dropped).Select(r => r.Feature).Distinct(StringComparer.Ordinal).ToList();
        var dropped = terms.Rows.Select(r => r.Feature).Distinct(StringComparer.Ordinal).Where(f => !kept.Contains(f)).ToList();
        report.Paragraph($"The model starts from a {start.Kind} logistic regression (penalty λ = {start.Penalty.ToString(CultureInfo.InvariantCulture)}, chosen by cross-validation)" +
            (trees == 0 ? " and adds no trees: these terms are the whole model." : $" and adds {trees} tree(s) on top: a feature's terms here are only its straight-line part, its splits add to them.") +
            $" Kept: {kept.Count} feature(s)." + (dropped.Count == 0 ? "" : $" Dropped by the {start.Kind} (coefficient exactly 0): {string.Join(", ", dropped)}."));
        report.Table(["Feature", "Unit", "Log-odds per unit", "OR per unit (95% CI)", "SD", "OR per SD (95% CI)", "Kept in bootstrap"],
            terms.Rows.Select(Cells), Caption(terms, bootstrapRan));
    }

    private static IReadOnlyList<string> Cells(LinearTermRow row)
    {
        string name = row.Level is null ? row.Feature : $"{row.Feature}: {row.Level}";
        string kept = double.IsNaN(row.KeptShare) ? "" : ReportNumbers.Percent(row.KeptShare, 0);
        if (row.Dropped)
            return [name, row.Unit, "0 (dropped)", "1 (dropped)" + Interval(row.Interval, 1), row.Level is null ? Significant(row.StandardDeviation) : "", "", kept];
        var perSd = row.Level is null ? $"{Significant(row.OddsRatioPerSd, 4)}{Interval(row.Interval, row.StandardDeviation)}" : "";
        return [name, row.Unit, Significant(row.PerUnit), $"{Significant(row.OddsRatio, 4)}{Interval(row.Interval, 1)}", row.Level is null ? Significant(row.StandardDeviation) : "", perSd, kept];
    }

    /// <summary>" (lower–upper)" of the odds ratio for <paramref name="scale"/> units, or "" without an interval.</summary>
    private static string Interval((double Lower, double Upper)? interval, double scale) => interval is { } ci
        ? $" ({Significant(Math.Exp(ci.Lower * scale), 4)}–{Significant(Math.Exp(ci.Upper * scale), 4)})"
        : "";

    private static string Caption(LinearTerms terms, bool bootstrapRan)
    {
        string basis = "Log-odds of resistance per unit of the feature (a category: against its first level), as the model file stores them; OR = odds ratio, per unit and per standard deviation (SD of the measured values in this cohort). " +
            "The coefficients are penalised (shrunk towards 0), so they are smaller than an unpenalised regression's. ";
        if (!bootstrapRan)
            return basis + "No confidence intervals: a Wald or profile interval is not valid for a penalised fit whose markers were chosen on the same data; a bootstrap of the whole pipeline gives one (train option --bootstrap 200).";
        if (terms.ReplicatesWithStart < LinearTerms.MinReplicatesForInterval)
            return basis + $"No confidence intervals: {terms.ReplicatesWithStart} of {terms.Replicates} bootstrap replicates chose a linear start, and a percentile interval needs at least {LinearTerms.MinReplicatesForInterval} (train option --bootstrap 200). 'Kept in bootstrap': share of those replicates whose regression kept the feature.";
        return basis + $"95% CI: 2.5th–97.5th percentiles over the {terms.ReplicatesWithStart} of {terms.Replicates} bootstrap replicates whose tuning chose a linear start, each refitting the whole pipeline (penalty and lasso selection included; a dropped feature counts as 0). 'Kept in bootstrap': share of those replicates whose regression kept the feature.";
    }

    /// <summary><paramref name="digits"/> significant digits without an exponent (0.00412, 1.23, 142 for three).</summary>
    private static string Significant(double value, int digits = 3)
    {
        if (!double.IsFinite(value)) return "NA";
        if (value == 0) return "0";
        int decimals = Math.Clamp(digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 6);
        return ReportNumbers.Fixed(value, decimals);
    }
}
