using System.Globalization;
using Predictor.Reporting.Svg;

namespace Predictor.Reporting.Charts;

/// <summary>Renders a <see cref="BeeswarmChart"/> as a standalone SVG element.</summary>
public static class BeeswarmRenderer
{
    private const double Top = 40, Bottom = 50, KeyWidth = 90, DotRadius = 2.2;
    private const string Missing = "#aaaaaa";

    public static string ToSvg(BeeswarmChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Rows.Count == 0) throw new ArgumentException("A beeswarm chart needs at least one row.", nameof(chart));
        foreach (var row in chart.Rows) row.Validate();
        double left = 16 + chart.Rows.Max(r => r.Label.Length) * 6.5, right = chart.Width - KeyWidth;
        double plotBottom = Top + chart.Rows.Count * chart.RowHeight;
        var svg = new SvgBuilder(chart.Width, plotBottom + Bottom) { Id = chart.Id, Title = chart.Title };
        // Symmetric about zero so that the sign of a contribution reads at a glance.
        double reach = chart.Rows.SelectMany(r => r.Values).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var axis = Axis.Nice(chart.ValueLabel, -(reach > 0 ? reach : 1), reach > 0 ? reach : 1);
        double Px(double v) => axis.Map(v, left, right);

        svg.Rect(0, 0, chart.Width, plotBottom + Bottom, "#ffffff");
        svg.Text(chart.Width / 2, 24, chart.Title, 16, "middle", bold: true);
        foreach (double t in axis.Ticks)
        {
            svg.Line(Px(t), Top, Px(t), plotBottom, "#f0f0f0");
            svg.Line(Px(t), plotBottom, Px(t), plotBottom + 5, "#333333");
            svg.Text(Px(t), plotBottom + 18, Markup.Number(t, axis.Decimals), 11, "middle");
        }
        svg.Line(Px(0), Top, Px(0), plotBottom, "#777777");
        for (int r = 0; r < chart.Rows.Count; r++)
        {
            var row = chart.Rows[r];
            double middle = Top + (r + 0.5) * chart.RowHeight;
            svg.Line(left, middle, right, middle, "#f4f4f4");
            svg.Text(left - 6, middle + 4, row.Label, 11, "end");
            var offsets = SwarmOffsets([.. row.Values.Select(Px)], chart.RowHeight / 2 - DotRadius - 1);
            for (int i = 0; i < row.Values.Count; i++)
                svg.Circle(Px(row.Values[i]), middle + offsets[i], DotRadius, ShadeColor(row.Shades[i]), 0.85);
        }
        svg.Line(left, plotBottom, right, plotBottom, "#333333");
        svg.Text((left + right) / 2, plotBottom + 38, chart.ValueLabel, 12, "middle");
        DrawKey(svg, chart, right + 30, Top + 10, Math.Min(160, plotBottom - Top - 40));
        return svg.ToString();
    }

    /// <summary>
    /// Vertical offsets that stack dots falling in the same pixel column alternately above and below the row's line,
    /// squeezed so that the tallest stack fits within ±<paramref name="halfHeight"/>.
    /// </summary>
    public static double[] SwarmOffsets(IReadOnlyList<double> pixels, double halfHeight)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        const double column = DotRadius * 1.6, spacing = DotRadius * 1.6;
        var counts = new Dictionary<long, int>();
        var offsets = new double[pixels.Count];
        var order = Enumerable.Range(0, pixels.Count).OrderBy(i => pixels[i]).ToArray();
        foreach (int i in order)
        {
            long bin = (long)Math.Floor(pixels[i] / column);
            int k = counts.GetValueOrDefault(bin);
            counts[bin] = k + 1;
            // 0, +1, -1, +2, -2, ...: the k-th dot in a column.
            offsets[i] = (k % 2 == 1 ? 1 : -1) * ((k + 1) / 2) * spacing;
        }
        double tallest = offsets.Length == 0 ? 0 : offsets.Max(Math.Abs);
        if (tallest > halfHeight)
        {
            double squeeze = halfHeight / tallest;
            for (int i = 0; i < offsets.Length; i++) offsets[i] *= squeeze;
        }
        return offsets;
    }

    /// <summary>Blue (low) to red (high) through purple, as the SHAP summary plot colours feature values; grey when NaN.</summary>
    public static string ShadeColor(double shade)
    {
        if (double.IsNaN(shade)) return Missing;
        (int R, int G, int B) low = (0x00, 0x72, 0xB2), high = (0xD5, 0x1E, 0x3C);
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * Math.Clamp(shade, 0, 1));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(low.R, high.R):x2}{Mix(low.G, high.G):x2}{Mix(low.B, high.B):x2}");
    }

    private static void DrawKey(SvgBuilder svg, BeeswarmChart chart, double x, double top, double height)
    {
        const int steps = 20;
        double step = height / steps;
        for (int i = 0; i < steps; i++)
            svg.Rect(x, top + i * step, 10, step + 0.5, ShadeColor(1 - (i + 0.5) / steps));
        svg.Text(x + 14, top + 10, chart.HighLabel, 10);
        svg.Text(x + 14, top + height, chart.LowLabel, 10);
        svg.Circle(x + 5, top + height + 16, DotRadius + 1, Missing);
        svg.Text(x + 14, top + height + 20, "missing", 10);
        svg.Text(x - 8, top + height / 2, chart.ShadeLabel, 10, "middle", rotate: -90);
    }
}
