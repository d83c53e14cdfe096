using System.Globalization;

namespace Predictor.Reports.Training;

/// <summary>Number formatting for the training report: invariant culture, "NA" for undefined values.</summary>
internal static class ReportNumbers
{
    /// <summary>Fixed decimals; a value that rounds to zero prints as 0, never "-0.000".</summary>
    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value)) return "NA";
        double rounded = Math.Round(value, decimals);
        return (rounded == 0 ? 0 : rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static string Percent(double value, int decimals = 1) =>
        double.IsFinite(value) ? (100 * value).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%" : "NA";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Interval(double lower, double upper, int decimals = 3) => $"{Fixed(lower, decimals)}–{Fixed(upper, decimals)}";
}
