using System.Globalization;
using Predictor.Survival.Paper;

namespace Predictor.Reports.Survival;

/// <summary>The paper's hazard-ratio table and median survival by p-AKT, as plain text.</summary>
public static class PaperTextReport
{
    public static void Write(PaperAnalysisResult r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Overall survival: Cox proportional-hazards models (" + r.CodingStatement + ")");
        output.WriteLine(Format.Table(["Variable", "n", "events", "Univariable HR (95% CI)", "p", "Multivariable HR (95% CI)", "p"],
            r.Factors.Select(f => (IReadOnlyList<string>)[f.Label, I(f.Patients), I(f.Events), HtmlSurvivalReport.HrCi(f.Univariable), Format.P(f.Univariable.PValue),
                f.Multivariable is null ? "" : HtmlSurvivalReport.HrCi(f.Multivariable), f.Multivariable is null ? "" : Format.P(f.Multivariable.PValue)])));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Multivariable model: {r.MultivariablePatients} patients with every factor (treated patients), {r.MultivariableEvents} deaths."));
        foreach (var f in r.Factors) output.WriteLine("  " + f.Label + ": " + f.Definition);
        foreach (var w in r.Warnings) output.WriteLine("  Warning: " + w);
        output.WriteLine();
        output.WriteLine("Median overall survival (months) by p-AKT:");
        var km = r.OverallSurvivalByPAkt;
        output.WriteLine(Format.Table(["", "n", "events", "median", "95% CI"],
            km.Curves.Select((c, i) =>
            {
                var m = c.Median();
                return (IReadOnlyList<string>)[km.Levels[i], I(c.Count), I(c.TotalEvents), Format.Fixed(m.Estimate, 1), Format.Fixed(m.Lower, 1) + "–" + Format.Fixed(m.Upper, 1)];
            })));
        if (km.LogRank is { } lr)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  log-rank chi-square {Format.Sig(lr.ChiSquare, 3)} on {lr.DegreesOfFreedom} df, p = {Format.P(lr.PValue)}"));
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
