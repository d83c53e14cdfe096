namespace Predictor.Reporting.Charts;

/// <summary>
/// One row of a <see cref="BeeswarmChart"/>: a value per individual (x) and a shade in [0, 1] giving the dot's colour
/// on the low-to-high scale; a NaN shade is drawn grey (missing).
/// </summary>
public sealed record BeeswarmRow(string Label, IReadOnlyList<double> Values, IReadOnlyList<double> Shades)
{
    public void Validate()
    {
        if (Values.Count != Shades.Count)
            throw new ArgumentException($"Row '{Label}' has {Values.Count} values but {Shades.Count} shades.");
        if (Values.Any(v => !double.IsFinite(v))) throw new ArgumentException($"Row '{Label}' has a value that is not finite.");
        if (Shades.Any(s => s is < 0 or > 1)) throw new ArgumentException($"Row '{Label}' has a shade outside [0, 1].");
    }
}

/// <summary>
/// Dots per row spread vertically where they crowd (a beeswarm, as the SHAP summary plot draws it), coloured by a
/// second variable, with a zero line and a colour key.
/// </summary>
public sealed record BeeswarmChart(string Title, string ValueLabel, IReadOnlyList<BeeswarmRow> Rows)
{
    public string? Id { get; init; }

    public double Width { get; init; } = 720;

    public double RowHeight { get; init; } = 40;

    /// <summary>Names of the colour key's ends.</summary>
    public string LowLabel { get; init; } = "low";

    public string HighLabel { get; init; } = "high";

    public string ShadeLabel { get; init; } = "Feature value";
}
