using System.Globalization;
using System.Text;
using System.Text.Json;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Renders decoded Parquet values the way DuckDB's Node.js client renders them to JSON (the form of the
/// reference answers): 64-bit integers and decimals as strings, timestamps as ISO text in microseconds,
/// blobs with \xHH escapes, NaN as "NaN". Comparison is then value by value.
/// </summary>
internal static class DuckDbRendering
{
    /// <summary>Marks a value DuckDB cannot represent; it matches whatever DuckDB printed.</summary>
    public static readonly object OutOfDuckDbRange = new();

    /// <summary>The cell as a comparable token: null, a double, a bool, or a string.</summary>
    public static object? Render(ParquetColumnData data, int row, string duckType)
    {
        if (data.IsNull(row)) return null;
        var logical = data.Column.LogicalType;
        if (duckType.StartsWith("DECIMAL", StringComparison.Ordinal))
            return ParquetValues.FormatDecimal(ParquetValues.DecimalUnscaled(data, row), logical!.Scale);
        switch (duckType)
        {
            case "TIMESTAMP":
                {
                    var micros = FloorDiv(ParquetValues.TimestampNanoseconds(data, row), 1000);
                    // DuckDB holds timestamps as int64 microseconds; beyond that its conversion overflows, so there is
                    // no meaningful answer to compare with (the library keeps such values exact).
                    return micros < long.MinValue || micros > long.MaxValue ? OutOfDuckDbRange : FormatTimestampMicros(micros);
                }
            case "BIGINT" or "UBIGINT" or "HUGEINT":
                return ParquetValues.Integer(data, row).ToString(CultureInfo.InvariantCulture);
            case "INTEGER" or "SMALLINT" or "TINYINT" or "UINTEGER" or "USMALLINT" or "UTINYINT":
                return (double)ParquetValues.Integer(data, row);
            case "BOOLEAN":
                return ((ParquetColumnData<bool>)data).Values[row];
            case "FLOAT":
                return Number(((ParquetColumnData<float>)data).Values[row]);
            case "DOUBLE":
                return Number(((ParquetColumnData<double>)data).Values[row]);
            case "VARCHAR":
                return ((ParquetBinaryColumnData)data).GetString(row);
            case "BLOB":
                return EscapeBlob(((ParquetBinaryColumnData)data).GetBytes(row));
            default:
                throw new NotSupportedException($"no DuckDB rendering for {duckType} ({data.Column.PhysicalType})");
        }
    }

    /// <summary>The expected JSON cell as the same kind of token.</summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        _ => throw new NotSupportedException("unexpected JSON cell " + e),
    };

    private static object Number(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : v;

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

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        if (a % b != 0 && (a < 0) != (b < 0)) q--;
        return q;
    }

    /// <summary>DuckDB's timestamp text: date, time, trailing-zero-trimmed microseconds, "(BC)" for years before 1.</summary>
    public static string FormatTimestampMicros(Int128 micros)
    {
        long days = (long)FloorDiv(micros, 86_400_000_000L);
        long inDay = (long)(micros - (Int128)days * 86_400_000_000L);
        var (year, month, day) = CivilFromDays(days);
        string date = year > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{1 - year:D4}-{month:D2}-{day:D2} (BC)");
        long seconds = inDay / 1_000_000;
        long fraction = inDay % 1_000_000;
        string time = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}");
        if (fraction != 0) time += "." + fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return date + " " + time;
    }

    /// <summary>Howard Hinnant's days-to-civil algorithm, valid for the whole proleptic Gregorian range.</summary>
    private static (long Year, long Month, long Day) CivilFromDays(long z)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (m <= 2 ? y + 1 : y, m, d);
    }
}
