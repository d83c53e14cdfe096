using System.Globalization;

namespace Predictor.Reports.Survival;

/// <summary>Number formatting for reports, in R's spirit: a few significant digits, NA for undefined values.</summary>
public static class Format
{
    /// <summary><paramref name="digits"/> significant digits, trailing zeros dropped; NA for NaN.</summary>
    public static string Sig(double value, int digits = 4)
    {
        if (double.IsNaN(value)) return "NA";
        if (double.IsInfinity(value)) return value > 0 ? "Inf" : "-Inf";
        if (value == 0) return "0";
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude < -4 || magnitude >= 15) return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, digits - 1 - magnitude);
        return Math.Round(value, Math.Min(decimals, 15)).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>Fixed decimals; NA for NaN.</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsNaN(value) ? "NA" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A p-value: two significant digits, scientific below 0.001, "&lt;1e-16" at the floor.</summary>
    public static string P(double p)
    {
        if (double.IsNaN(p)) return "NA";
        if (p < 1e-16) return "<1e-16";
        if (p < 0.001) return p.ToString("0.#e-0", CultureInfo.InvariantCulture);
        return Sig(p, 2);
    }

    /// <summary>Aligns rows of cells into columns (first column left-aligned, the rest right-aligned).</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string indent = "  ")
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var lines = all.Select(r => indent + string.Join("  ", r.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return string.Join(Environment.NewLine, lines);
    }
}
