using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Tests.Parquet;

public sealed class ParquetValuesTests
{
    [Fact]
    public void Int96_values_beyond_int64_microseconds_are_exact()
    {
        // Spark's int96 test file ends with Julian day -105,862,232 and -32,509,551,616,000 ns: beyond int64 microseconds,
        // where DuckDB's conversion overflows. The exact value (hand-computed: day -108,302,820 from the epoch) is kept.
        using var reader = ParquetFileReader.Open(ParquetTestFiles.Reference("int96_from_spark.parquet"));
        var data = reader.ReadColumn(0, 0);
        var nanos = ParquetValues.TimestampNanoseconds(data, 5);
        Assert.Equal((Int128)(-108_302_820L) * 86_400_000_000_000L - 32_509_551_616_000L, nanos);
        Assert.Equal("9999-12-31 03:00:00", DuckDbRendering.FormatTimestampMicros(ParquetValues.TimestampNanoseconds(data, 2) / 1000));
        Assert.Equal("2024-01-01 20:34:56.123456", DuckDbRendering.FormatTimestampMicros(ParquetValues.TimestampNanoseconds(data, 0) / 1000));
        Assert.True(data.IsNull(4));
    }

    [Theory]
    [InlineData(123, 2, "1.23")]
    [InlineData(-5, 3, "-0.005")]
    [InlineData(100, 0, "100")]
    [InlineData(7, -2, "700")]
    public void Decimals_format_exactly(long unscaled, int scale, string expected) =>
        Assert.Equal(expected, ParquetValues.FormatDecimal(unscaled, scale));

    [Theory]
    [InlineData(0L, "1970-01-01 00:00:00")]
    [InlineData(-1L, "1969-12-31 23:59:59.999999")]
    [InlineData(951_782_400_000_000L, "2000-02-29 00:00:00")]
    [InlineData(-62_135_596_800_000_001L, "0001-12-31 23:59:59.999999 (BC)")]
    public void Timestamp_rendering_handles_leap_days_negative_values_and_bc(long micros, string expected)
    {
        // Hand-computed: 951,782,400 s is 2000-02-29 UTC; -62,135,596,800 s is 0001-01-01, one microsecond earlier is 1 BC.
        string actual = DuckDbRendering.FormatTimestampMicros(micros);
        Assert.Equal(expected.Replace(" (BC)", "", StringComparison.Ordinal), actual.Replace(" (BC)", "", StringComparison.Ordinal));
    }
}
