using System.Globalization;

namespace Predictor.Survival.Tests;

/// <summary>Assertions that a figure matches R's printed value to the digits R printed.</summary>
internal static class Printed
{
    /// <summary>Asserts |actual − expected| ≤ half a unit in the last printed decimal place.</summary>
    public static void Equal(double expected, double actual, int decimals, string what = "")
    {
        double half = 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9);
        Assert.True(Math.Abs(actual - expected) <= half,
            $"{what}: expected {expected.ToString(CultureInfo.InvariantCulture)} (to {decimals} decimals), got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Asserts agreement to <paramref name="digits"/> significant digits, R's default print style.</summary>
    public static void Significant(double expected, double actual, int digits, string what = "")
    {
        if (expected == 0) { Equal(0, actual, digits, what); return; }
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(expected)));
        Equal(expected, actual, digits - 1 - magnitude, what);
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> prints as R printed <paramref name="printed"/> ("0.017045", "-3.065",
    /// "2.946e-01", "9e-04"): the precision is read from the text itself.
    /// </summary>
    public static void Like(string printed, double actual, string what = "")
    {
        double expected = double.Parse(printed, CultureInfo.InvariantCulture);
        int e = printed.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            string mantissa = printed[..e];
            int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
            int digits = dot < 0 ? 1 : mantissa.Length - dot;
            Significant(expected, actual, digits, what + " " + printed);
            return;
        }
        int point = printed.IndexOf('.', StringComparison.Ordinal);
        Equal(expected, actual, point < 0 ? 0 : printed.Length - point - 1, what + " " + printed);
    }
}
