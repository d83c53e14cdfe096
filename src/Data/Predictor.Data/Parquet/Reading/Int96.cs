using System.Runtime.InteropServices;

namespace Predictor.Data.Parquet.Reading;

/// <summary>
/// A legacy INT96 timestamp as written by Impala, Hive and Spark: nanoseconds within the day, then the Julian day number.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct Int96 : IEquatable<Int96>
{
    /// <summary>Julian day number of 1970-01-01.</summary>
    public const int UnixEpochJulianDay = 2_440_588;

    public Int96(long nanosOfDay, int julianDay)
    {
        NanosOfDay = nanosOfDay;
        JulianDay = julianDay;
    }

    public long NanosOfDay { get; }

    public int JulianDay { get; }

    /// <summary>Nanoseconds since 1970-01-01T00:00:00, exact for every representable value.</summary>
    public Int128 ToUnixNanoseconds() => ((Int128)(JulianDay - (long)UnixEpochJulianDay) * 86_400_000_000_000L) + NanosOfDay;

    public bool Equals(Int96 other) => NanosOfDay == other.NanosOfDay && JulianDay == other.JulianDay;

    public override bool Equals(object? obj) => obj is Int96 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(NanosOfDay, JulianDay);

    public static bool operator ==(Int96 left, Int96 right) => left.Equals(right);

    public static bool operator !=(Int96 left, Int96 right) => !left.Equals(right);
}
