using System.Xml.Linq;
using Predictor.Reporting.Charts;
using Predictor.Reporting.Html;

namespace Predictor.Reporting.Tests;

public class ChartRendererTests
{
    private static Chart SurvivalChart() => new(
        "Overall survival <by group>",
        new Axis("Months", 0, 30),
        new Axis("Survival probability", 0, 1),
        [
            new BandSeries("95% CI", Palette.Color(0), [0, 10, 20], [1, 0.6, double.NaN], [1, 0.9, double.NaN]) { Stepped = true, InLegend = false },
            new StepSeries("High p-AKT & co", Palette.Color(0), [0, 10, 20], [1, 0.75, 0.5]) { Marks = [15], ExtendTo = 30 },
            new LineSeries("Reference", "#999999", [0, 30], [1, 0]) { Dashed = true },
        ])
    {
        RiskTable = new NumberAtRiskTable([0, 10, 20, 30], [new NumberAtRiskRow("High", Palette.Color(0), [40, 30, 12, 2])]),
    };

    [Fact]
    public void Svg_is_well_formed_xml_with_escaped_text()
    {
        var svg = ChartRenderer.ToSvg(SurvivalChart());
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("Overall survival <by group>", texts);
        Assert.Contains("High p-AKT & co", texts);
        Assert.Contains("Number at risk", texts);
        Assert.Contains("12", texts);
        // One band polygon: the NaN limit at x = 20 ends it.
        Assert.Single(doc.Descendants(ns + "polygon"));
    }

    [Fact]
    public void Step_points_hold_each_value_until_the_next_x()
    {
        var points = ChartRenderer.StepPoints([0, 10, 20], [1, 0.75, 0.5], extendTo: 30);
        Assert.Equal([(0.0, 1.0), (10, 1), (10, 0.75), (20, 0.75), (20, 0.5), (30, 0.5)], points);
    }

    [Theory]
    [InlineData(0, 30, new double[] { 0, 5, 10, 15, 20, 25, 30 })]
    [InlineData(0, 55, new double[] { 0, 10, 20, 30, 40, 50 })]
    [InlineData(0, 1, new double[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 1000, new double[] { 0, 200, 400, 600, 800, 1000 })]
    public void Nice_ticks(double min, double max, double[] expected)
    {
        Assert.Equal(expected, Axis.NiceTicks(min, max));
    }

    [Fact]
    public void Nice_axis_ends_on_ticks()
    {
        var axis = Axis.Nice("Months", 0, 55.3);
        Assert.Equal(60, axis.Max);
        Assert.Equal(60, axis.Ticks[^1]);
        Assert.Equal(0, axis.Decimals);
    }

    [Fact]
    public void Axis_maps_ends_to_pixel_ends()
    {
        var axis = new Axis("x", 10, 20);
        Assert.Equal(100, axis.Map(10, 100, 300));
        Assert.Equal(300, axis.Map(20, 100, 300));
        Assert.Equal(200, axis.Map(15, 100, 300));
        Assert.Throws<ArgumentException>(() => new Axis("bad", 1, 1));
    }

    [Fact]
    public void Html_report_is_self_contained_and_escapes_cells()
    {
        var html = new HtmlReport("Survival & risk")
            .Heading("Cox model")
            .Table(["Variable", "HR"], [["p-AKT <high>", "2.47"]])
            .Svg(ChartRenderer.ToSvg(SurvivalChart()))
            .ToHtml();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<td>p-AKT &lt;high&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Survival &amp; risk</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new HtmlReport("x").Svg("<div>"));
    }
}
