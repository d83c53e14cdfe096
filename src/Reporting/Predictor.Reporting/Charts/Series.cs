namespace Predictor.Reporting.Charts;

/// <summary>Something drawn in a chart's plotting area.</summary>
public abstract record Series(string Name, string Color)
{
    /// <summary>Whether the series gets a legend entry.</summary>
    public bool InLegend { get; init; } = true;
}

/// <summary>
/// A right-continuous step function (a survival curve): the value holds from each x until the next.
/// <see cref="Marks"/> are x positions to tick on the curve (censoring times).
/// </summary>
public sealed record StepSeries(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y) : Series(Name, Color)
{
    public IReadOnlyList<double> Marks { get; init; } = [];

    /// <summary>Extend the last step to this x (the end of follow-up), when larger than the last point.</summary>
    public double? ExtendTo { get; init; }
}

/// <summary>Points joined by straight lines (ROC, calibration and decision curves, reference diagonals).</summary>
public sealed record LineSeries(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y) : Series(Name, Color)
{
    public bool Dashed { get; init; }

    /// <summary>Draw a dot at each point (calibration bins).</summary>
    public bool ShowPoints { get; init; }
}

/// <summary>A shaded region between a lower and an upper curve (a confidence band), stepped or straight.</summary>
public sealed record BandSeries(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper) : Series(Name, Color)
{
    public bool Stepped { get; init; }

    public double Opacity { get; init; } = 0.18;
}

/// <summary>
/// Separate points, each with an optional vertical interval (grouped observed proportions with their confidence
/// limits); NaN limits draw no whisker.
/// </summary>
public sealed record PointSeries(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y) : Series(Name, Color)
{
    public IReadOnlyList<double>? Lower { get; init; }

    public IReadOnlyList<double>? Upper { get; init; }

    public double Radius { get; init; } = 3.5;
}
