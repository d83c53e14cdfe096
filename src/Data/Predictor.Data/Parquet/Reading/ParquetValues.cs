using System.Globalization;
using System.Numerics;
using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Reading;

/// <summary>
/// Exact interpretations of stored values under their logical types: decimals as unscaled integers, timestamps
/// and dates as counts since the Unix epoch, unsigned integers widened. Nothing here rounds.
/// </summary>
public static class ParquetValues
{
    /// <summary>The unscaled integer of a DECIMAL value stored as INT32, INT64 or big-endian two's-complement bytes.</summary>
    public static BigInteger DecimalUnscaled(ParquetColumnData data, int row)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data switch
        {
            ParquetColumnData<int> i => i.Values[row],
            ParquetColumnData<long> l => l.Values[row],
            ParquetBinaryColumnData b => b.GetBytes(row).IsEmpty ? BigInteger.Zero : new BigInteger(b.GetBytes(row), isUnsigned: false, isBigEndian: true),
            _ => throw new InvalidOperationException($"column '{data.Column.Name}' of type {data.Column.PhysicalType} cannot hold a DECIMAL"),
        };
    }

    /// <summary>Formats an unscaled decimal with exactly <paramref name="scale"/> fraction digits, e.g. 123 at scale 2 is "1.23".</summary>
    public static string FormatDecimal(BigInteger unscaled, int scale)
    {
        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        string sign = unscaled.Sign < 0 ? "-" : "";
        if (scale <= 0) return sign + digits + new string('0', -scale);
        if (digits.Length <= scale) digits = new string('0', scale - digits.Length + 1) + digits;
        return sign + digits[..^scale] + "." + digits[^scale..];
    }

    /// <summary>The decimal as a double (nearest representable value; exact for up to 15 significant digits).</summary>
    public static double DecimalToDouble(BigInteger unscaled, int scale) =>
        double.Parse(FormatDecimal(unscaled, scale), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Nanoseconds since 1970-01-01T00:00:00 of a TIMESTAMP (INT64 in its unit) or legacy INT96 value.
    /// Int128 keeps INT96 values far outside the DateTime range exact.
    /// </summary>
    public static Int128 TimestampNanoseconds(ParquetColumnData data, int row)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data is ParquetColumnData<Int96> int96) return int96.Values[row].ToUnixNanoseconds();
        if (data is ParquetColumnData<long> int64 && data.Column.LogicalType is { Kind: LogicalTypeKind.Timestamp } t)
        {
            Int128 v = int64.Values[row];
            return t.Unit switch
            {
                TimeUnit.Millis => v * 1_000_000,
                TimeUnit.Micros => v * 1_000,
                _ => v,
            };
        }
        throw new InvalidOperationException($"column '{data.Column.Name}' does not hold timestamps");
    }

    /// <summary>A DATE value: days since 1970-01-01.</summary>
    public static int DateDays(ParquetColumnData data, int row) =>
        data is ParquetColumnData<int> i && data.Column.LogicalType is { Kind: LogicalTypeKind.Date }
            ? i.Values[row]
            : throw new InvalidOperationException($"column '{data?.Column.Name}' does not hold dates");

    /// <summary>An integer value widened to Int128, honouring UINT_8..UINT_64 annotations (stored bits reinterpreted as unsigned).</summary>
    public static Int128 Integer(ParquetColumnData data, int row)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool unsigned = data.Column.LogicalType is { Kind: LogicalTypeKind.Integer, IsSigned: false };
        return data switch
        {
            ParquetColumnData<int> i => unsigned ? (Int128)(uint)i.Values[row] : i.Values[row],
            ParquetColumnData<long> l => unsigned ? (Int128)(ulong)l.Values[row] : l.Values[row],
            _ => throw new InvalidOperationException($"column '{data.Column.Name}' does not hold integers"),
        };
    }
}
