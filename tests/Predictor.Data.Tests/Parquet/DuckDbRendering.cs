using System.Globalization;
using System.Text;
using System.Text.Json;
using Predictor.Data.Tables;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Puts a cell of a table read from Parquet and a cell of DuckDB's JSON answer (its Node.js client: 64-bit integers
/// and decimals as strings, timestamps as "yyyy-MM-dd HH:mm:ss[.ffffff]", blobs with \xHH escapes, NaN as "NaN") into
/// the same comparable form, so the two independent readers are compared value by value.
/// </summary>
internal static class DuckDbRendering
{
    /// <summary>The table cell as DuckDB would print it: null, a double, a bool, or a string.</summary>
    public static object? Render(Column column, int row, string duckType)
    {
        if (column.IsMissing(row)) return null;
        switch (duckType)
        {
            case "BOOLEAN":
                return ((BooleanColumn)column)[row];
            case "VARCHAR":
                return column.FormatValue(row);
            case "BLOB":
                return EscapeBlob(Convert.FromHexString(column.FormatValue(row)!));
            case "DATE":
                return column.FormatValue(row);
            case "TIMESTAMP":
                {
                    // We keep 100 ns; DuckDB keeps microseconds (truncating).
                    var t = DateTime.Parse(column.FormatValue(row)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                    var micros = new DateTime(t.Ticks - t.Ticks % 10, DateTimeKind.Unspecified);
                    string text = micros.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
                    return text;
                }
            default:
                {
                    double v = ((NumericColumn)column)[row];
                    return double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : v;
                }
        }
    }

    /// <summary>The expected JSON cell in the same form (numbers DuckDB prints as strings become doubles).</summary>
    public static object? FromJson(JsonElement e, string duckType) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when IsNumeric(duckType) && e.GetString() is not ("NaN" or "Infinity" or "-Infinity") => double.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        JsonValueKind.String => e.GetString(),
        _ => throw new NotSupportedException("unexpected JSON cell " + e),
    };

    /// <summary>True when the two renderings agree; decimals may differ in the last bit of their double.</summary>
    public static bool Agree(object? expected, object? actual, string duckType)
    {
        if (expected is double e && actual is double a)
        {
            if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
            if (duckType.StartsWith("DECIMAL", StringComparison.Ordinal)) return Math.Abs(e - a) <= 1e-15 * Math.Max(1, Math.Abs(e));
            return e == a;
        }
        // A table holds a missing number as NaN, so a stored NaN reads as missing.
        if (expected is "NaN") return actual is null || (actual is double n && double.IsNaN(n));
        return Equals(expected, actual);
    }

    private static bool IsNumeric(string duckType) =>
        duckType.StartsWith("DECIMAL", StringComparison.Ordinal) || duckType is "BIGINT" or "UBIGINT" or "HUGEINT" or "DOUBLE" or "FLOAT";

    private static string EscapeBlob(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes)
        {
            bool regular = b is >= 32 and <= 126 && b != '\'' && b != '"';
            if (regular) sb.Append((char)b);
            else sb.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
