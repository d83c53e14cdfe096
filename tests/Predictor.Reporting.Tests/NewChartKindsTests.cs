using System.Xml.Linq;
using Predictor.Reporting.Charts;
using Predictor.Reporting.Html;

namespace Predictor.Reporting.Tests;

public class NewChartKindsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Bar_chart_draws_one_bar_per_value_in_order_with_id_and_title()
    {
        var svg = BarChartRenderer.ToSvg(new BarChart("Importance <mean |SHAP|>", "Mean |SHAP|", [new Bar("p_akt", 0.9), new Bar("pten", 0.3), new Bar("age", 0)]) { Id = "imp" });
        var root = XElement.Parse(svg);
        Assert.Equal("imp", (string?)root.Attribute("id"));
        Assert.Equal("Importance <mean |SHAP|>", root.Element(Svg + "title")!.Value);
        // Background + one rect per bar; bar widths proportional to the values on a 0-based axis.
        var bars = root.Elements(Svg + "rect").Skip(1).ToList();
        Assert.Equal(3, bars.Count);
        double Width(XElement r) => double.Parse((string)r.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3.0, Width(bars[0]) / Width(bars[1]), 2);
        Assert.Equal(0, Width(bars[2]));
        var labels = root.Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.True(labels.IndexOf("p_akt") < labels.IndexOf("pten"));
        Assert.Throws<ArgumentException>(() => BarChartRenderer.ToSvg(new BarChart("x", "y", [new Bar("bad", -1)])));
        Assert.Throws<ArgumentException>(() => BarChartRenderer.ToSvg(new BarChart("x", "y", [])));
    }

    [Fact]
    public void Beeswarm_draws_every_dot_coloured_by_shade_and_grey_when_missing()
    {
        var chart = new BeeswarmChart("SHAP", "SHAP value",
        [
            new BeeswarmRow("p_akt", [-1, 0.5, 0.5, 0.5, 2], [0, 1, double.NaN, 0.5, 1]),
            new BeeswarmRow("pten", [0.1, -0.2], [0.3, 0.7]),
        ]) { Id = "shap" };
        var root = XElement.Parse(BeeswarmRenderer.ToSvg(chart));
        var fills = root.Elements(Svg + "circle").Select(c => (string)c.Attribute("fill")!).ToList();
        // Seven dots plus the key's "missing" dot.
        Assert.Equal(8, fills.Count);
        Assert.Equal("#0072b2", fills[0]);
        Assert.Equal("#d51e3c", fills[1]);
        Assert.Equal(2, fills.Count(f => f == "#aaaaaa"));
        Assert.Throws<ArgumentException>(() => BeeswarmRenderer.ToSvg(new BeeswarmChart("x", "y", [new BeeswarmRow("r", [1, 2], [0.5])])));
        Assert.Throws<ArgumentException>(() => BeeswarmRenderer.ToSvg(new BeeswarmChart("x", "y", [new BeeswarmRow("r", [double.NaN], [0.5])])));
    }

    [Fact]
    public void Swarm_offsets_separate_coinciding_dots_and_stay_within_the_row()
    {
        var offsets = BeeswarmRenderer.SwarmOffsets([100, 100, 100, 300], 10);
        Assert.Equal(3, offsets.Take(3).Distinct().Count());
        Assert.Equal(0, offsets[3]);
        var crowded = BeeswarmRenderer.SwarmOffsets([.. Enumerable.Repeat(50.0, 500)], 12);
        Assert.All(crowded, o => Assert.InRange(o, -12, 12));
    }

    [Fact]
    public void Point_series_draws_dots_with_whiskers()
    {
        var chart = new Chart("Calibration", new Axis("p", 0, 1), new Axis("o", 0, 1),
            [new PointSeries("groups", "#123456", [0.2, 0.8], [0.25, 0.7]) { Lower = [0.1, double.NaN], Upper = [0.4, double.NaN] }]) { Id = "cal" };
        var root = XElement.Parse(ChartRenderer.ToSvg(chart));
        Assert.Equal("cal", (string?)root.Attribute("id"));
        // Two points and the legend's dot; whiskers (three lines each) only where both limits are defined.
        Assert.Equal(3, root.Elements(Svg + "circle").Count());
        Assert.Equal(3, root.Elements(Svg + "line").Count(l => (string?)l.Attribute("stroke") == "#123456"));
    }

    [Fact]
    public void Html_report_shows_warnings_figures_and_highlighted_rows()
    {
        var html = new HtmlReport("Report")
            .Warnings(["Sample <too> small"])
            .Heading("ROC", "roc")
            .Figure(BarChartRenderer.ToSvg(new BarChart("b", "v", [new Bar("a", 1)])), "Out-of-fold & honest")
            .Table(["t", "v"], [["0.1", "a"], ["0.3", "b"]], highlight: 1)
            .ToHtml();
        Assert.Contains("<div class=\"warnings\" role=\"alert\"><strong>Warnings</strong><ul><li>Sample &lt;too&gt; small</li></ul></div>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"roc\">ROC</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Out-of-fold &amp; honest</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"highlight\"><td>0.3</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"warnings\"", new HtmlReport("x").Warnings([]).ToHtml(), StringComparison.Ordinal);
    }
}
