using System.Globalization;

namespace Predictor.Data.Csv;

/// <summary>Culture-invariant parsing of single field values, shared by type inference and the cohort contract.</summary>
public static class Utf8Values
{
    private const NumberStyles NumberStyle = NumberStyles.Float;

    /// <summary>Parses an invariant-culture number ("1.5", "-2e3"); rejects NaN and infinities, which no clinical value is.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> field, out double value)
    {
        field = Trim(field);
        if (double.TryParse(field, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            return true;
        value = double.NaN;
        return false;
    }

    /// <summary>true/false in any letter case, or 1/0.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> field, out bool value)
    {
        field = Trim(field);
        if (field.Length == 1)
        {
            if (field[0] == (byte)'1') { value = true; return true; }
            if (field[0] == (byte)'0') { value = false; return true; }
        }
        if (EqualsIgnoreCase(field, "true"u8)) { value = true; return true; }
        if (EqualsIgnoreCase(field, "false"u8)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>Only true/false words (not 1/0): what makes type inference call a column boolean.</summary>
    public static bool IsBooleanWord(ReadOnlySpan<byte> field)
    {
        field = Trim(field);
        return EqualsIgnoreCase(field, "true"u8) || EqualsIgnoreCase(field, "false"u8);
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        int start = 0, end = field.Length;
        while (start < end && field[start] is (byte)' ' or (byte)'\t') start++;
        while (end > start && field[end - 1] is (byte)' ' or (byte)'\t') end--;
        return field[start..end];
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> field, ReadOnlySpan<byte> lowerWord)
    {
        if (field.Length != lowerWord.Length) return false;
        for (int i = 0; i < field.Length; i++)
        {
            int c = field[i];
            if (c is >= 'A' and <= 'Z') c += 32;
            if (c != lowerWord[i]) return false;
        }
        return true;
    }
}
