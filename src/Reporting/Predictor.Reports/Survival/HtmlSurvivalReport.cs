using System.Globalization;
using Predictor.Reporting.Charts;
using Predictor.Reporting.Html;
using Predictor.Survival.Analysis;
using Predictor.Survival.Comparison;
using Predictor.Survival.Cox;
using Predictor.Survival.Paper;

namespace Predictor.Reports.Survival;

/// <summary>Self-contained HTML reports: Kaplan–Meier curves with confidence bands and a number-at-risk table, tests and Cox tables.</summary>
public static class HtmlSurvivalReport
{
    public static string Build(SurvivalSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var report = new HtmlReport("Survival analysis")
            .Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{s.Source}: time '{s.Outcome.TimeColumn}', {s.Outcome.CodingStatement}; {s.Outcome.Data.Count} patients, {s.Outcome.Data.EventCount} events."));
        foreach (var note in s.Notes) report.Paragraph(note, note: true);
        report.Heading("Kaplan–Meier estimates").Svg(ChartRenderer.ToSvg(KaplanMeierChart(s.Groups, s.Outcome.TimeColumn)));
        MedianTable(report, s.Groups);
        if (s.Groups.LogRank is { } lr) TestTable(report, lr);
        if (s.Groups.PetoPeto is { } pp) TestTable(report, pp);
        if (s.Cox is { } cox) CoxSection(report, cox);
        return report.ToHtml();
    }

    public static string Build(PaperAnalysisResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var report = new HtmlReport("Overall survival by PI3K/AKT/mTOR markers and resistance")
            .Paragraph(r.CodingStatement + ". Simulated cohort: the figures describe simulated patients, not real ones.", note: true)
            .Heading("Cox proportional-hazards models")
            .Table(["Variable", "Definition", "Univariable HR (95% CI)", "p", "Multivariable HR (95% CI)", "p"],
                r.Factors.Select(f => (IReadOnlyList<string>)[f.Label, f.Definition, HrCi(f.Univariable), Format.P(f.Univariable.PValue),
                    f.Multivariable is null ? "" : HrCi(f.Multivariable), f.Multivariable is null ? "" : Format.P(f.Multivariable.PValue)]))
            .Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Multivariable model: {r.MultivariablePatients} patients with every factor (treated patients), {r.MultivariableEvents} deaths."), note: true);
        foreach (var w in r.Warnings) report.Paragraph("Warning: " + w, note: true);
        report.Heading("Overall survival by p-AKT").Svg(ChartRenderer.ToSvg(KaplanMeierChart(r.OverallSurvivalByPAkt, "Months")));
        MedianTable(report, r.OverallSurvivalByPAkt);
        if (r.OverallSurvivalByPAkt.LogRank is { } lr) TestTable(report, lr);
        return report.ToHtml();
    }

    /// <summary>The Kaplan–Meier chart: one stepped curve per group with its band, censoring ticks and numbers at risk.</summary>
    public static Chart KaplanMeierChart(GroupComparison g, string timeLabel)
    {
        ArgumentNullException.ThrowIfNull(g);
        double maxTime = g.Curves.Max(c => c.Time[^1]);
        var xAxis = Axis.Nice(timeLabel, 0, maxTime > 0 ? maxTime : 1);
        var series = new List<Series>();
        for (int i = 0; i < g.Curves.Count; i++)
        {
            var c = g.Curves[i];
            string color = Palette.Color(i);
            double[] x = [0, .. c.Time];
            series.Add(new BandSeries(Label(g, i) + " 95% CI", color, x, [1, .. c.Lower], [1, .. c.Upper]) { Stepped = true, InLegend = false });
            series.Add(new StepSeries(Label(g, i), color, x, [1, .. c.Survival])
            {
                Marks = [.. Enumerable.Range(0, c.Time.Count).Where(k => c.Censored[k] > 0).Select(k => c.Time[k])],
            });
        }
        var ticks = xAxis.Ticks;
        var risk = new NumberAtRiskTable(ticks, [.. g.Curves.Select((c, i) => new NumberAtRiskRow(Label(g, i), Palette.Color(i), [.. ticks.Select(c.NumberAtRisk)]))]);
        return new Chart("Kaplan–Meier survival" + (g.GroupColumn is null ? "" : " by " + g.GroupColumn), xAxis, new Axis("Survival probability", 0, 1), series)
        {
            RiskTable = risk,
            Legend = LegendPosition.TopRight,
        };
    }

    /// <summary>R's "sex=1" style, unless the level already names its variable ("High p-AKT").</summary>
    private static string Label(GroupComparison g, int i) =>
        g.GroupColumn is null || g.Levels[i].Contains(g.GroupColumn, StringComparison.Ordinal) ? g.Levels[i] : g.GroupColumn + "=" + g.Levels[i];

    private static void MedianTable(HtmlReport report, GroupComparison g) =>
        report.Table(["Group", "n", "events", "median", "95% CI"],
            g.Curves.Select((c, i) =>
            {
                var m = c.Median();
                return (IReadOnlyList<string>)[Label(g, i), c.Count.ToString(CultureInfo.InvariantCulture), c.TotalEvents.ToString(CultureInfo.InvariantCulture),
                    Format.Sig(m.Estimate), Format.Sig(m.Lower) + " – " + Format.Sig(m.Upper)];
            }));

    private static void TestTable(HtmlReport report, LogRankResult r) =>
        report.Table(["Group", "N", "Observed", "Expected", "(O-E)²/V"],
                r.Groups.Select(g => (IReadOnlyList<string>)[g.Level, g.Count.ToString(CultureInfo.InvariantCulture), Format.Sig(g.Observed, 3), Format.Sig(g.Expected, 3), Format.Sig(g.ChiSquareByVariance, 3)]),
                string.Create(CultureInfo.InvariantCulture, $"{r.TestName} test: chi-square {Format.Sig(r.ChiSquare, 3)} on {r.DegreesOfFreedom} df, p = {Format.P(r.PValue)}"));

    private static void CoxSection(HtmlReport report, CoxAnalysis cox)
    {
        var m = cox.Model;
        report.Heading("Cox proportional-hazards model")
            .Table(["Covariate", "HR", "95% CI", "coef", "se", "z", "p"],
                m.Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Format.Sig(c.HazardRatio), Format.Sig(c.HazardRatioLower) + " – " + Format.Sig(c.HazardRatioUpper),
                    Format.Sig(c.Coefficient), Format.Sig(c.StdErr), Format.Sig(c.Z), Format.P(c.PValue)]),
                string.Create(CultureInfo.InvariantCulture, $"{m.Ties.ToString().ToLowerInvariant()} ties; n = {m.Patients}, events = {m.Events}"))
            .Table(["Statistic", "value", "df", "p"],
            [
                ["Likelihood ratio test", Format.Sig(m.LikelihoodRatioTest.Statistic), m.LikelihoodRatioTest.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Format.P(m.LikelihoodRatioTest.PValue)],
                ["Wald test", Format.Sig(m.WaldTest.Statistic), m.WaldTest.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Format.P(m.WaldTest.PValue)],
                ["Score (log-rank) test", Format.Sig(m.ScoreTest.Statistic), m.ScoreTest.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Format.P(m.ScoreTest.PValue)],
                ["Concordance (se)", Format.Sig(m.Concordance.Value, 3) + " (" + Format.Sig(m.Concordance.StdErr, 2) + ")", "", ""],
            ]);
        foreach (var w in m.Warnings) report.Paragraph("Warning: " + w, note: true);
        if (cox.ProportionalHazards is { } ph)
        {
            report.Table(["Term", "chi-square", "df", "p"],
                ph.Terms.Append(ph.Global).Select(l => (IReadOnlyList<string>)[l.Term, Format.Sig(l.ChiSquare), l.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Format.P(l.PValue)]),
                "Proportional-hazards test (scaled Schoenfeld residuals, Kaplan–Meier time scale)");
        }
    }

    internal static string HrCi(CoxCoefficient c) =>
        Format.Fixed(c.HazardRatio, 2) + " (" + Format.Fixed(c.HazardRatioLower, 2) + "–" + Format.Fixed(c.HazardRatioUpper, 2) + ")";
}
