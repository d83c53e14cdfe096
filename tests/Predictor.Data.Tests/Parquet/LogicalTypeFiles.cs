using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Writing;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// A file with one column per logical type the writer annotates, values chosen at the edges of each type (and,
/// for unsigned types, above the signed maximum, where signed and unsigned order disagree). Every column is
/// OPTIONAL with a few nulls.
/// </summary>
internal static class LogicalTypeFiles
{
    public const int Rows = 40;

    public static IReadOnlyList<ParquetColumnData> Write(string path, int rowGroups = 2, ParquetWriteOptions? options = null)
    {
        var columns = new List<ParquetColumnData>();
        var validity = Enumerable.Range(0, Rows).Select(i => i % 7 != 3).ToArray();
        int index = 0;
        void Add<T>(string name, PhysicalType type, LogicalTypeAnnotation? logical, Func<int, T> value) where T : unmanaged
        {
            var column = new ParquetColumn(index++, name, type, 0, true, logical);
            columns.Add(new ParquetColumnData<T>(column, Enumerable.Range(0, Rows).Select(i => validity[i] ? value(i) : default).ToArray(), validity));
        }
        static LogicalTypeAnnotation Int(int bits, bool signed) => new(LogicalTypeKind.Integer) { BitWidth = bits, IsSigned = signed };
        static LogicalTypeAnnotation Time(LogicalTypeKind kind, TimeUnit unit, bool utc) => new(kind) { Unit = unit, IsAdjustedToUtc = utc };
        static T Pick<T>(int i, params T[] edges) => edges[i % edges.Length];

        Add("i8", PhysicalType.Int32, Int(8, true), i => Pick(i, sbyte.MinValue, -1, 0, 1, sbyte.MaxValue, i - 20));
        Add("i16", PhysicalType.Int32, Int(16, true), i => Pick(i, short.MinValue, -300, 0, short.MaxValue, i * 100));
        Add("i32", PhysicalType.Int32, Int(32, true), i => Pick(i, int.MinValue, -1, int.MaxValue, i * 1_000_003));
        Add("u8", PhysicalType.Int32, Int(8, false), i => Pick(i, 0, 1, 200, byte.MaxValue, i));
        Add("u16", PhysicalType.Int32, Int(16, false), i => Pick(i, 0, 40_000, ushort.MaxValue, i * 7));
        Add("u32", PhysicalType.Int32, Int(32, false), i => unchecked((int)Pick(i, 0u, 1u, 3_000_000_000u, uint.MaxValue, (uint)i * 123_456u)));
        Add("i64", PhysicalType.Int64, Int(64, true), i => Pick(i, long.MinValue, -1L, long.MaxValue, i * 1_000_000_007L));
        Add("u64", PhysicalType.Int64, Int(64, false), i => unchecked((long)Pick(i, 0ul, 5ul, 10_000_000_000_000_000_000ul, ulong.MaxValue, (ulong)i)));
        Add("date", PhysicalType.Int32, new LogicalTypeAnnotation(LogicalTypeKind.Date), i => Pick(i, -719_162, 0, 19_000 + i, 2_932_896));
        Add("ts_millis", PhysicalType.Int64, Time(LogicalTypeKind.Timestamp, TimeUnit.Millis, false), i => Pick(i, -62_135_596_800_000L, 0L, 1_700_000_000_123L + i));
        Add("ts_micros", PhysicalType.Int64, Time(LogicalTypeKind.Timestamp, TimeUnit.Micros, false), i => Pick(i, 0L, 1_700_000_000_123_456L + i, -1L));
        Add("dec9", PhysicalType.Int32, new LogicalTypeAnnotation(LogicalTypeKind.Decimal) { Precision = 9, Scale = 2 }, i => Pick(i, -999_999_999, 0, 12_345, 999_999_999, i));
        Add("dec18", PhysicalType.Int64, new LogicalTypeAnnotation(LogicalTypeKind.Decimal) { Precision = 18, Scale = 4 }, i => Pick(i, -999_999_999_999_999_999L, 1L, 999_999_999_999_999_999L, i * 10_001L));
        Add("flag", PhysicalType.Boolean, null, i => i % 3 == 0);
        Add("x", PhysicalType.Double, null, i => Pick(i, -1.5, 0.0, 2.25, double.MaxValue));

        using (var writer = ParquetFileWriter.Create(path, columns.Select(c => c.Column).ToArray(), options ?? new ParquetWriteOptions { PageSizeBytes = 1024 }))
        {
            for (int g = 0; g < rowGroups; g++) writer.WriteRowGroup(columns);
        }
        return columns;
    }
}
