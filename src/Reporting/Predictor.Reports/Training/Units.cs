namespace Predictor.Reports.Training;

/// <summary>
/// The unit a feature is measured in, read off the suffix of its name as the data contract writes them
/// (age_years, tumor_size_cm, afp_ng_ml, p_akt_hscore); "" when the name carries none.
/// </summary>
internal static class Units
{
    private static readonly (string Suffix, string Unit)[] Suffixes =
    [
        ("_years", "years"), ("_months", "months"), ("_days", "days"), ("_cm", "cm"), ("_mm", "mm"), ("_kg", "kg"),
        ("_ng_ml", "ng/mL"), ("_hscore", "H-score (0–300)"), ("_pct", "%"), ("_percent", "%"),
    ];

    public static string Of(string feature) =>
        Suffixes.FirstOrDefault(s => feature.EndsWith(s.Suffix, StringComparison.Ordinal)).Unit ?? "";
}
