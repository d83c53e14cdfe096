using System.Globalization;
using System.Text;

namespace Predictor.Reporting.Svg;

/// <summary>Escaping and number formatting shared by the SVG and HTML writers (invariant culture, always).</summary>
public static class Markup
{
    /// <summary>Escapes text for element content and attribute values.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>A coordinate with two decimals: enough for screen output, small files.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A tick label: at most <paramref name="decimals"/> decimals, no trailing zeros.</summary>
    public static string Number(double value, int decimals) =>
        Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(0, decimals)), CultureInfo.InvariantCulture);
}
