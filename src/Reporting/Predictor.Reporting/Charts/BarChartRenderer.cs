using Predictor.Reporting.Svg;

namespace Predictor.Reporting.Charts;

/// <summary>Renders a <see cref="BarChart"/> as a standalone SVG element.</summary>
public static class BarChartRenderer
{
    private const double Top = 40, Bottom = 50, Right = 70;

    public static string ToSvg(BarChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Bars.Count == 0) throw new ArgumentException("A bar chart needs at least one bar.", nameof(chart));
        if (chart.Bars.Any(b => !double.IsFinite(b.Value) || b.Value < 0))
            throw new ArgumentException("Bar values must be finite and not negative.", nameof(chart));
        double left = 16 + chart.Bars.Max(b => b.Label.Length) * 6.5;
        double plotBottom = Top + chart.Bars.Count * chart.BarHeight;
        var svg = new SvgBuilder(chart.Width, plotBottom + Bottom) { Id = chart.Id, Title = chart.Title };
        double max = chart.Bars.Max(b => b.Value);
        var axis = Axis.Nice(chart.ValueLabel, 0, max > 0 ? max : 1);
        double Px(double v) => axis.Map(v, left, chart.Width - Right);

        svg.Rect(0, 0, chart.Width, plotBottom + Bottom, "#ffffff");
        svg.Text(chart.Width / 2, 24, chart.Title, 16, "middle", bold: true);
        foreach (double t in axis.Ticks)
        {
            svg.Line(Px(t), Top, Px(t), plotBottom, "#eeeeee");
            svg.Line(Px(t), plotBottom, Px(t), plotBottom + 5, "#333333");
            svg.Text(Px(t), plotBottom + 18, Markup.Number(t, axis.Decimals), 11, "middle");
        }
        for (int i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            double y = Top + i * chart.BarHeight;
            svg.Rect(left, y + 3, Math.Max(0, Px(bar.Value) - left), chart.BarHeight - 6, chart.Color);
            svg.Text(left - 6, y + chart.BarHeight / 2 + 4, bar.Label, 11, "end");
            svg.Text(Px(bar.Value) + 4, y + chart.BarHeight / 2 + 4, Markup.Number(bar.Value, chart.ValueDecimals), 10, fill: "#555555");
        }
        svg.Line(left, plotBottom, chart.Width - Right, plotBottom, "#333333");
        svg.Line(left, Top, left, plotBottom, "#333333");
        svg.Text((left + chart.Width - Right) / 2, plotBottom + 38, chart.ValueLabel, 12, "middle");
        return svg.ToString();
    }
}
