namespace Predictor.Survival.Tests;

/// <summary>Assertions that a figure matches R's printed value to the digits R printed.</summary>
internal static class Printed
{
    /// <summary>Asserts |actual − expected| ≤ half a unit in the last printed decimal place.</summary>
    public static void Equal(double expected, double actual, int decimals, string what = "")
    {
        double half = 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9);
        Assert.True(Math.Abs(actual - expected) <= half,
            $"{what}: expected {expected} (printed to {decimals} decimals), got {actual}");
    }

    /// <summary>Asserts agreement to <paramref name="digits"/> significant digits, R's default print style.</summary>
    public static void Significant(double expected, double actual, int digits, string what = "")
    {
        if (expected == 0) { Equal(0, actual, digits, what); return; }
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(expected)));
        Equal(expected, actual, digits - 1 - magnitude, what);
    }
}
