namespace Predictor.Reporting.Charts;

/// <summary>Where a chart's legend sits inside the plotting area.</summary>
public enum LegendPosition
{
    TopRight,
    BottomRight,
    BottomLeft,
    TopLeft,
    None,
}

/// <summary>A two-dimensional chart: axes, series drawn in order (bands first, then lines), a legend and an optional risk table.</summary>
public sealed record Chart(string Title, Axis X, Axis Y, IReadOnlyList<Series> Series)
{
    /// <summary>The SVG element's id (for links and tests); none when null.</summary>
    public string? Id { get; init; }

    public double Width { get; init; } = 720;

    public double PlotHeight { get; init; } = 400;

    public LegendPosition Legend { get; init; } = LegendPosition.TopRight;

    public NumberAtRiskTable? RiskTable { get; init; }

    /// <summary>Draw light grid lines at the ticks.</summary>
    public bool Grid { get; init; } = true;
}
