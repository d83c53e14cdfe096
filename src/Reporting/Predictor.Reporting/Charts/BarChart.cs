namespace Predictor.Reporting.Charts;

/// <summary>One labelled bar of a <see cref="BarChart"/>.</summary>
public sealed record Bar(string Label, double Value);

/// <summary>Horizontal bars from zero, drawn top to bottom in the given order (feature importance).</summary>
public sealed record BarChart(string Title, string ValueLabel, IReadOnlyList<Bar> Bars)
{
    public string? Id { get; init; }

    public double Width { get; init; } = 720;

    public double BarHeight { get; init; } = 22;

    public string Color { get; init; } = Palette.Color(0);

    /// <summary>Decimals of the value printed at the end of each bar.</summary>
    public int ValueDecimals { get; init; } = 3;
}
