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

    /// <summary>
    /// Ticks at 1, 2, 2.5 or 5 times a power of ten within [min, max], the step chosen to give the number of
    /// intervals closest to <paramref name="target"/> − 1.
    /// </summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int target = 6)
    {
        double step = NiceStep(min, max, target);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step)
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : Math.Round(t, 10));
        return ticks;
    }

    /// <summary>An axis whose ends are widened to the nearest nice ticks, so the data end on a labelled tick.</summary>
    public static Axis Nice(string label, double min, double max, int target = 6)
    {
        double step = NiceStep(min, max, target);
        double lo = Math.Floor(min / step + 1e-9) * step, hi = Math.Ceiling(max / step - 1e-9) * step;
        return new Axis(label, lo, hi, NiceTicks(lo, hi, target));
    }

    private static double NiceStep(double min, double max, int target)
    {
        double raw = (max - min) / Math.Max(1, target - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 0.5, 1, 2, 2.5, 5, 10, 20 }.Select(m => m * power)
            .OrderBy(s => Math.Abs((max - min) / s - (target - 1)))
            .First();
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
