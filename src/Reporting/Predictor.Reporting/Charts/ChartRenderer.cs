using Predictor.Reporting.Svg;

namespace Predictor.Reporting.Charts;

/// <summary>Renders a <see cref="Chart"/> as a standalone SVG element.</summary>
public static class ChartRenderer
{
    private const double Right = 20, Top = 40, AxisBand = 50, RiskRowHeight = 20;

    public static string ToSvg(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        int riskRows = chart.RiskTable?.Rows.Count ?? 0;
        double riskHeight = riskRows == 0 ? 0 : 30 + riskRows * RiskRowHeight;
        double height = Top + chart.PlotHeight + AxisBand + riskHeight;
        var svg = new SvgBuilder(chart.Width, height) { Id = chart.Id, Title = chart.Title };
        // Room on the left for the y labels and, when there is one, the risk table's group names.
        double longestLabel = chart.RiskTable?.Rows.Max(r => r.Label.Length) ?? 0;
        double left = Math.Max(70, 36 + longestLabel * 6.5);
        var frame = new Frame(left, Top, chart.Width - Right, Top + chart.PlotHeight, chart.X, chart.Y);

        svg.Rect(0, 0, chart.Width, height, "#ffffff");
        svg.Text(chart.Width / 2, 24, chart.Title, 16, "middle", bold: true);
        DrawAxes(svg, chart, frame);
        foreach (var band in chart.Series.OfType<BandSeries>()) DrawBand(svg, band, frame);
        foreach (var series in chart.Series)
        {
            switch (series)
            {
                case StepSeries step: DrawStep(svg, step, frame); break;
                case LineSeries line: DrawLine(svg, line, frame); break;
                case PointSeries points: DrawPoints(svg, points, frame); break;
            }
        }
        DrawLegend(svg, chart, frame);
        if (chart.RiskTable is { } table) DrawRiskTable(svg, table, frame, frame.Bottom + AxisBand);
        return svg.ToString();
    }

    private sealed record Frame(double Left, double Top, double Right, double Bottom, Axis X, Axis Y)
    {
        public double Px(double x) => X.Map(Math.Clamp(x, X.Min, X.Max), Left, Right);

        public double Py(double y) => Y.Map(Math.Clamp(y, Y.Min, Y.Max), Bottom, Top);
    }

    private static void DrawAxes(SvgBuilder svg, Chart chart, Frame f)
    {
        foreach (double t in chart.X.Ticks)
        {
            double x = f.Px(t);
            if (chart.Grid) svg.Line(x, f.Top, x, f.Bottom, "#eeeeee");
            svg.Line(x, f.Bottom, x, f.Bottom + 5, "#333333");
            svg.Text(x, f.Bottom + 18, Markup.Number(t, chart.X.Decimals), 11, "middle");
        }
        foreach (double t in chart.Y.Ticks)
        {
            double y = f.Py(t);
            if (chart.Grid) svg.Line(f.Left, y, f.Right, y, "#eeeeee");
            svg.Line(f.Left - 5, y, f.Left, y, "#333333");
            svg.Text(f.Left - 8, y + 4, Markup.Number(t, chart.Y.Decimals), 11, "end");
        }
        svg.Line(f.Left, f.Bottom, f.Right, f.Bottom, "#333333");
        svg.Line(f.Left, f.Top, f.Left, f.Bottom, "#333333");
        svg.Text((f.Left + f.Right) / 2, f.Bottom + 38, chart.X.Label, 12, "middle");
        svg.Text(18, (f.Top + f.Bottom) / 2, chart.Y.Label, 12, "middle", rotate: -90);
    }

    /// <summary>Corner points of a right-continuous step function through (x, y), optionally run on to <paramref name="extendTo"/>.</summary>
    public static IReadOnlyList<(double X, double Y)> StepPoints(IReadOnlyList<double> x, IReadOnlyList<double> y, double? extendTo = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var points = new List<(double, double)>();
        for (int i = 0; i < x.Count; i++)
        {
            if (double.IsNaN(y[i])) continue;
            if (points.Count > 0) points.Add((x[i], points[^1].Item2));
            points.Add((x[i], y[i]));
        }
        if (extendTo is double end && points.Count > 0 && end > points[^1].Item1) points.Add((end, points[^1].Item2));
        return points;
    }

    private static void DrawStep(SvgBuilder svg, StepSeries s, Frame f)
    {
        var corners = StepPoints(s.X, s.Y, s.ExtendTo);
        svg.Polyline([.. corners.Select(p => (f.Px(p.X), f.Py(p.Y)))], s.Color, 2);
        foreach (double m in s.Marks)
        {
            double y = ValueAt(s.X, s.Y, m);
            if (double.IsNaN(y)) continue;
            svg.Line(f.Px(m), f.Py(y) - 4, f.Px(m), f.Py(y) + 4, s.Color, 1.2);
        }
    }

    private static void DrawLine(SvgBuilder svg, LineSeries s, Frame f)
    {
        var points = Enumerable.Range(0, s.X.Count).Where(i => double.IsFinite(s.Y[i])).Select(i => (f.Px(s.X[i]), f.Py(s.Y[i]))).ToList();
        svg.Polyline(points, s.Color, 2, s.Dashed ? "6 4" : null);
        if (!s.ShowPoints) return;
        foreach (var (x, y) in points) svg.Rect(x - 2.5, y - 2.5, 5, 5, s.Color);
    }

    private static void DrawPoints(SvgBuilder svg, PointSeries s, Frame f)
    {
        for (int i = 0; i < s.X.Count; i++)
        {
            if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
            double x = f.Px(s.X[i]);
            if (s.Lower is { } lower && s.Upper is { } upper && double.IsFinite(lower[i]) && double.IsFinite(upper[i]))
            {
                svg.Line(x, f.Py(lower[i]), x, f.Py(upper[i]), s.Color, 1.2);
                svg.Line(x - 3, f.Py(lower[i]), x + 3, f.Py(lower[i]), s.Color, 1.2);
                svg.Line(x - 3, f.Py(upper[i]), x + 3, f.Py(upper[i]), s.Color, 1.2);
            }
            svg.Circle(x, f.Py(s.Y[i]), s.Radius, s.Color);
        }
    }

    private static void DrawBand(SvgBuilder svg, BandSeries b, Frame f)
    {
        // Bands break where a limit is undefined (NA in R), so each defined stretch is its own polygon.
        var run = new List<int>();
        for (int i = 0; i <= b.X.Count; i++)
        {
            bool defined = i < b.X.Count && double.IsFinite(b.Lower[i]) && double.IsFinite(b.Upper[i]);
            if (defined) { run.Add(i); continue; }
            if (run.Count > 0)
            {
                var xs = run.Select(k => b.X[k]).ToArray();
                var upper = b.Stepped ? StepPoints(xs, [.. run.Select(k => b.Upper[k])]) : [.. run.Select(k => (b.X[k], b.Upper[k]))];
                var lower = b.Stepped ? StepPoints(xs, [.. run.Select(k => b.Lower[k])]) : [.. run.Select(k => (b.X[k], b.Lower[k]))];
                var outline = upper.Concat(lower.Reverse()).Select(p => (f.Px(p.X), f.Py(p.Y))).ToList();
                svg.Polygon(outline, b.Color, b.Opacity);
                run.Clear();
            }
        }
    }

    private static void DrawLegend(SvgBuilder svg, Chart chart, Frame f)
    {
        var entries = chart.Series.Where(s => s.InLegend && s is not BandSeries).ToList();
        if (chart.Legend == LegendPosition.None || entries.Count == 0) return;
        double width = 24 + entries.Max(e => e.Name.Length) * 6.5 + 16, height = 8 + entries.Count * 18;
        double x = chart.Legend is LegendPosition.TopRight or LegendPosition.BottomRight ? f.Right - width - 8 : f.Left + 8;
        double y = chart.Legend is LegendPosition.TopRight or LegendPosition.TopLeft ? f.Top + 8 : f.Bottom - height - 8;
        svg.Rect(x, y, width, height, "#ffffff", "#cccccc");
        for (int i = 0; i < entries.Count; i++)
        {
            double row = y + 16 + i * 18;
            if (entries[i] is PointSeries) svg.Circle(x + 17, row - 4, 3.5, entries[i].Color);
            else svg.Line(x + 8, row - 4, x + 26, row - 4, entries[i].Color, 2.5, entries[i] is LineSeries { Dashed: true } ? "6 4" : null);
            svg.Text(x + 32, row, entries[i].Name, 11);
        }
    }

    private static void DrawRiskTable(SvgBuilder svg, NumberAtRiskTable table, Frame f, double top)
    {
        svg.Text(8, top + 14, "Number at risk", 12, bold: true);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            double y = top + 34 + r * RiskRowHeight;
            svg.Text(f.Left - 22, y, row.Label, 11, "end", row.Color, bold: true);
            for (int i = 0; i < table.Times.Count && i < row.Counts.Count; i++)
                svg.Text(f.Px(table.Times[i]), y, row.Counts[i].ToString(System.Globalization.CultureInfo.InvariantCulture), 11, "middle");
        }
    }

    private static double ValueAt(IReadOnlyList<double> x, IReadOnlyList<double> y, double at)
    {
        double value = double.NaN;
        for (int i = 0; i < x.Count && x[i] <= at; i++) value = y[i];
        return value;
    }
}
