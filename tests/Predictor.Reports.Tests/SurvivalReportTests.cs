using System.Text.Json;
using System.Xml.Linq;
using Predictor.Reports.Survival;
using Predictor.Survival.Analysis;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Tests;

namespace Predictor.Reports.Tests;

public class SurvivalReportTests
{
    private static SurvivalSummary OvarianSummary()
    {
        var ovarian = ReferenceData.Load("ovarian.csv");
        var table = ovarian.Source!;
        var outcome = SurvivalTable.Outcome(table, "futime", "fustat");
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var groups = SurvivalTable.Groups(table, "rx", rows, out _);
        var cox = CoxAnalysis.Run(table, outcome.Data, ["age", "rx"], new CoxOptions());
        return new SurvivalSummary("ovarian.csv", outcome, GroupComparison.Run(outcome.Data, groups), [365], cox, []);
    }

    [Fact]
    public void Json_has_the_figures_and_writes_NA_as_null()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(OvarianSummary(), stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("fustat coded 0/1 (1 = event, 0 = censored)", root.GetProperty("event_coding").GetString());
        var km = root.GetProperty("kaplan_meier");
        Assert.Equal(638, km[0].GetProperty("median").GetDouble());
        Assert.Equal(JsonValueKind.Null, km[1].GetProperty("median").ValueKind); // R: NA (not reached)
        Assert.Equal(1, root.GetProperty("log_rank").GetProperty("df").GetInt32());
        Assert.Equal(2, root.GetProperty("cox").GetProperty("coefficients").GetArrayLength());
    }

    [Fact]
    public void Html_report_draws_the_curves_the_risk_table_and_the_tables()
    {
        string html = HtmlSurvivalReport.Build(OvarianSummary());
        int start = html.IndexOf("<svg", StringComparison.Ordinal);
        int end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        var svg = XDocument.Parse(html[start..end]);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, svg.Descendants(ns + "polyline").Count());   // one step curve per rx group
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "Number at risk");
        Assert.Contains("log-rank test: chi-square 1.06", html, StringComparison.Ordinal);
        Assert.Contains("Proportional-hazards test", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_report_states_the_coding_and_the_tests()
    {
        var writer = new StringWriter();
        TextReport.Write(OvarianSummary(), writer);
        string text = writer.ToString();
        Assert.Contains("fustat coded 0/1", text, StringComparison.Ordinal);
        Assert.Contains("log-rank test:", text, StringComparison.Ordinal);
        Assert.Contains("Peto-Peto test:", text, StringComparison.Ordinal);
        Assert.Contains("Concordance =", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.000123, "1.2e-4")]
    [InlineData(0.0459, "0.046")]
    [InlineData(1e-20, "<1e-16")]
    [InlineData(double.NaN, "NA")]
    public void P_values_format(double p, string expected) => Assert.Equal(expected, Format.P(p));
}
