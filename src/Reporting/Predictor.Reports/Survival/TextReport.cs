using System.Globalization;
using Predictor.Survival.Analysis;
using Predictor.Survival.Comparison;
using Predictor.Survival.Cox;
using Predictor.Survival.KaplanMeier;

namespace Predictor.Reports.Survival;

/// <summary>The console report of a survival run, laid out like R's printed output.</summary>
public static class TextReport
{
    public static void Write(SurvivalSummary s, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(output);
        var data = s.Outcome.Data;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Survival analysis of {s.Source}: time '{s.Outcome.TimeColumn}', {s.Outcome.CodingStatement}; {data.Count} patients, {data.EventCount} events."));
        foreach (var note in s.Notes) output.WriteLine("Note: " + note);
        output.WriteLine();
        WriteKaplanMeier(s.Groups, output);
        if (s.Times.Count > 0) WriteTimes(s.Groups, s.Times, output);
        if (s.Groups.LogRank is { } logRank) WriteTest(logRank, output);
        if (s.Groups.PetoPeto is { } peto) WriteTest(peto, output);
        if (s.Cox is { } cox) WriteCox(cox, output);
    }

    public static void WriteKaplanMeier(GroupComparison g, TextWriter output)
    {
        var type = g.Curves[0].ConfidenceType switch { ConfidenceType.Log => "log", ConfidenceType.LogLog => "log-log", _ => "plain" };
        output.WriteLine($"Kaplan-Meier estimates (95% CI, {type} scale)" + (g.GroupColumn is null ? ":" : $" by {g.GroupColumn}:"));
        output.WriteLine(Format.Table(["", "n", "events", "median", "0.95LCL", "0.95UCL"],
            g.Curves.Select((c, i) =>
            {
                var m = c.Median();
                return (IReadOnlyList<string>)[g.Levels[i], Int(c.Count), Int(c.TotalEvents), Format.Sig(m.Estimate), Format.Sig(m.Lower), Format.Sig(m.Upper)];
            })));
        output.WriteLine();
    }

    private static void WriteTimes(GroupComparison g, IReadOnlyList<double> times, TextWriter output)
    {
        output.WriteLine("Survival at chosen times:");
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < g.Curves.Count; i++)
        {
            foreach (var r in g.Curves[i].At(times))
                rows.Add([g.Levels[i], Format.Sig(r.Time), Int(r.AtRisk), Int(r.Events), Format.Sig(r.Survival, 3), Format.Sig(r.StdErr, 3), Format.Sig(r.Lower, 3), Format.Sig(r.Upper, 3)]);
        }
        output.WriteLine(Format.Table(["", "time", "n.risk", "n.event", "survival", "std.err", "lower 95%", "upper 95%"], rows));
        output.WriteLine();
    }

    private static void WriteTest(LogRankResult r, TextWriter output)
    {
        output.WriteLine($"{r.TestName} test:");
        output.WriteLine(Format.Table(["", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"],
            r.Groups.Select(g => (IReadOnlyList<string>)[g.Level, Int(g.Count), Format.Sig(g.Observed, 3), Format.Sig(g.Expected, 3), Format.Sig(g.ChiSquareByExpected, 3), Format.Sig(g.ChiSquareByVariance, 3)])));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Chisq = {Format.Sig(r.ChiSquare, 3)} on {r.DegreesOfFreedom} degrees of freedom, p = {Format.P(r.PValue)}"));
        output.WriteLine();
    }

    public static void WriteCox(CoxAnalysis cox, TextWriter output)
    {
        var m = cox.Model;
        string dropped = cox.DroppedRows > 0 ? Int(cox.DroppedRows) + " observation(s) deleted due to missingness" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cox proportional-hazards model ({m.Ties.ToString().ToLowerInvariant()} ties): n = {m.Patients}, events = {m.Events}{(dropped.Length > 0 ? " (" + dropped + ")" : "")}"));
        output.WriteLine(Format.Table(["", "coef", "HR", "lower .95", "upper .95", "se(coef)", "z", "p"],
            m.Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Format.Sig(c.Coefficient), Format.Sig(c.HazardRatio), Format.Sig(c.HazardRatioLower), Format.Sig(c.HazardRatioUpper), Format.Sig(c.StdErr), Format.Sig(c.Z), Format.P(c.PValue)])));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Concordance = {Format.Sig(m.Concordance.Value, 3)} (se = {Format.Sig(m.Concordance.StdErr, 2)})"));
        WriteChi(output, "Likelihood ratio test", m.LikelihoodRatioTest);
        WriteChi(output, "Wald test            ", m.WaldTest);
        WriteChi(output, "Score (logrank) test ", m.ScoreTest);
        foreach (var w in m.Warnings) output.WriteLine("  Warning: " + w);
        output.WriteLine();
        if (cox.ProportionalHazards is { } ph)
        {
            output.WriteLine("Proportional-hazards test (scaled Schoenfeld residuals, cox.zph, km transform):");
            output.WriteLine(Format.Table(["", "chisq", "df", "p"],
                ph.Terms.Append(ph.Global).Select(l => (IReadOnlyList<string>)[l.Term, Format.Sig(l.ChiSquare, 4), Int(l.DegreesOfFreedom), Format.P(l.PValue)])));
            output.WriteLine();
        }
        else if (cox.ProportionalHazardsNote is { } note)
        {
            output.WriteLine("Note: " + note);
            output.WriteLine();
        }
    }

    private static void WriteChi(TextWriter output, string name, ChiSquareTest t) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} = {Format.Sig(t.Statistic, 4)} on {t.DegreesOfFreedom} df, p = {Format.P(t.PValue)}"));

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
