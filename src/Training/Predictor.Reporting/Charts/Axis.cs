namespace Predictor.Reporting.Charts;

/// <summary>A linear axis: its label, data range and tick positions ("nice" numbers unless given).</summary>
public sealed record Axis
{
    public Axis(string label, double min, double max, IReadOnlyList<double>? ticks = null, int decimals = -1)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min)
            throw new ArgumentException($"Axis '{label}' needs finite min < max (got {min}, {max}).", nameof(max));
        Label = label;
        Min = min;
        Max = max;
        Ticks = ticks ?? NiceTicks(min, max);
        Decimals = decimals >= 0 ? decimals : DecimalsFor(Ticks);
    }

    public string Label { get; }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Decimals shown in tick labels.</summary>
    public int Decimals { get; }

    /// <summary>Where <paramref name="value"/> falls between <paramref name="start"/> and <paramref name="end"/> pixels.</summary>
    public double Map(double value, double start, double end) => start + (value - Min) / (Max - Min) * (end - start);

    /// <summary>About <paramref name="target"/> ticks at 1, 2, 2.5 or 5 times a power of ten, within [min, max].</summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int target = 6)
    {
        double raw = (max - min) / Math.Max(1, target - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= raw * 0.999);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step)
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : Math.Round(t, 10));
        return ticks;
    }

    private static int DecimalsFor(IReadOnlyList<double> ticks)
    {
        for (int d = 0; d < 6; d++)
        {
            if (ticks.All(t => Math.Abs(t - Math.Round(t, d)) < 1e-9)) return d;
        }
        return 6;
    }
}
