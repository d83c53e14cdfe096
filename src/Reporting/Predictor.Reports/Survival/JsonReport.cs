using System.Text.Json;
using Predictor.Survival.Analysis;
using Predictor.Survival.Comparison;
using Predictor.Survival.Cox;
using Predictor.Survival.KaplanMeier;
using Predictor.Survival.Paper;

namespace Predictor.Reports.Survival;

/// <summary>Machine-readable results (NaN, R's NA, written as null). Patient rows are never written.</summary>
public static class JsonReport
{
    public static void Write(SurvivalSummary s, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("source", s.Source);
        w.WriteString("time_column", s.Outcome.TimeColumn);
        w.WriteString("event_column", s.Outcome.EventColumn);
        w.WriteString("event_coding", s.Outcome.CodingStatement);
        w.WriteNumber("patients", s.Outcome.Data.Count);
        w.WriteNumber("events", s.Outcome.Data.EventCount);
        w.WriteStartArray("notes");
        foreach (var n in s.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        WriteGroups(w, s.Groups, s.Times);
        if (s.Cox is { } cox) WriteCox(w, "cox", cox.Model, cox.ProportionalHazards);
        w.WriteEndObject();
    }

    public static void Write(PaperAnalysisResult r, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("event_coding", r.CodingStatement);
        w.WriteNumber("multivariable_patients", r.MultivariablePatients);
        w.WriteNumber("multivariable_events", r.MultivariableEvents);
        w.WriteStartArray("factors");
        foreach (var f in r.Factors)
        {
            w.WriteStartObject();
            w.WriteString("factor", f.Label);
            w.WriteString("definition", f.Definition);
            w.WriteNumber("patients", f.Patients);
            w.WriteNumber("events", f.Events);
            w.WritePropertyName("univariable");
            Coefficient(w, f.Univariable);
            if (f.Multivariable is { } m)
            {
                w.WritePropertyName("multivariable");
                Coefficient(w, m);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteGroups(w, r.OverallSurvivalByPAkt, []);
        w.WriteStartArray("warnings");
        foreach (var x in r.Warnings) w.WriteStringValue(x);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteGroups(Utf8JsonWriter w, GroupComparison g, IReadOnlyList<double> times)
    {
        w.WriteStartArray("kaplan_meier");
        for (int i = 0; i < g.Curves.Count; i++)
        {
            var c = g.Curves[i];
            var m = c.Median();
            w.WriteStartObject();
            w.WriteString("group", g.Levels[i]);
            w.WriteNumber("n", c.Count);
            w.WriteNumber("events", c.TotalEvents);
            Number(w, "median", m.Estimate);
            Number(w, "median_lower_95", m.Lower);
            Number(w, "median_upper_95", m.Upper);
            w.WriteString("confidence_type", c.ConfidenceType.ToString());
            w.WriteStartArray("at_times");
            foreach (var a in c.At(times))
            {
                w.WriteStartObject();
                Number(w, "time", a.Time);
                w.WriteNumber("n_risk", a.AtRisk);
                w.WriteNumber("n_event", a.Events);
                Number(w, "survival", a.Survival);
                Number(w, "std_err", a.StdErr);
                Number(w, "lower_95", a.Lower);
                Number(w, "upper_95", a.Upper);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("curve");
            for (int k = 0; k < c.Time.Count; k++)
            {
                w.WriteStartObject();
                Number(w, "time", c.Time[k]);
                w.WriteNumber("n_risk", c.AtRisk[k]);
                w.WriteNumber("n_event", c.Events[k]);
                w.WriteNumber("n_censor", c.Censored[k]);
                Number(w, "survival", c.Survival[k]);
                Number(w, "lower_95", c.Lower[k]);
                Number(w, "upper_95", c.Upper[k]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (g.LogRank is { } lr) Test(w, "log_rank", lr);
        if (g.PetoPeto is { } pp) Test(w, "peto_peto", pp);
    }

    private static void Test(Utf8JsonWriter w, string name, LogRankResult r)
    {
        w.WriteStartObject(name);
        Number(w, "rho", r.Rho);
        Number(w, "chisq", r.ChiSquare);
        w.WriteNumber("df", r.DegreesOfFreedom);
        Number(w, "p", r.PValue);
        w.WriteStartArray("groups");
        foreach (var g in r.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Level);
            w.WriteNumber("n", g.Count);
            Number(w, "observed", g.Observed);
            Number(w, "expected", g.Expected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCox(Utf8JsonWriter w, string name, CoxResult m, ProportionalHazardsResult? ph)
    {
        w.WriteStartObject(name);
        w.WriteString("ties", m.Ties.ToString().ToLowerInvariant());
        w.WriteNumber("patients", m.Patients);
        w.WriteNumber("events", m.Events);
        w.WriteNumber("iterations", m.Iterations);
        Number(w, "loglik_null", m.LogLikelihoodNull);
        Number(w, "loglik", m.LogLikelihood);
        w.WriteStartArray("coefficients");
        foreach (var c in m.Coefficients) Coefficient(w, c);
        w.WriteEndArray();
        Chi(w, "likelihood_ratio_test", m.LikelihoodRatioTest);
        Chi(w, "wald_test", m.WaldTest);
        Chi(w, "score_test", m.ScoreTest);
        Number(w, "concordance", m.Concordance.Value);
        Number(w, "concordance_se", m.Concordance.StdErr);
        w.WriteStartArray("warnings");
        foreach (var x in m.Warnings) w.WriteStringValue(x);
        w.WriteEndArray();
        if (ph is not null)
        {
            w.WriteStartArray("proportional_hazards");
            foreach (var l in ph.Terms.Append(ph.Global))
            {
                w.WriteStartObject();
                w.WriteString("term", l.Term);
                Number(w, "chisq", l.ChiSquare);
                w.WriteNumber("df", l.DegreesOfFreedom);
                Number(w, "p", l.PValue);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Coefficient(Utf8JsonWriter w, CoxCoefficient c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        Number(w, "coef", c.Coefficient);
        Number(w, "se", c.StdErr);
        Number(w, "hazard_ratio", c.HazardRatio);
        Number(w, "lower_95", c.HazardRatioLower);
        Number(w, "upper_95", c.HazardRatioUpper);
        Number(w, "z", c.Z);
        Number(w, "p", c.PValue);
        w.WriteEndObject();
    }

    private static void Chi(Utf8JsonWriter w, string name, ChiSquareTest t)
    {
        w.WriteStartObject(name);
        Number(w, "chisq", t.Statistic);
        w.WriteNumber("df", t.DegreesOfFreedom);
        Number(w, "p", t.PValue);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
