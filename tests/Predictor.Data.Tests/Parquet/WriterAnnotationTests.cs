using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Parquet.Writing;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>What the writer records beside the values: annotations it refuses, converted types and legacy statistics.</summary>
public sealed class WriterAnnotationTests
{
    public static TheoryData<PhysicalType, int, LogicalTypeKind, int> Unwritable() => new()
    {
        { PhysicalType.FixedLenByteArray, 16, LogicalTypeKind.Decimal, 30 },
        { PhysicalType.Int32, 0, LogicalTypeKind.Decimal, 12 },
        { PhysicalType.Int32, 0, LogicalTypeKind.Integer, 64 },
        { PhysicalType.Int64, 0, LogicalTypeKind.Date, 0 },
        { PhysicalType.FixedLenByteArray, 16, LogicalTypeKind.Uuid, 0 },
        { PhysicalType.ByteArray, 0, LogicalTypeKind.Bson, 0 },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void Annotations_the_writer_cannot_write_are_refused_by_name(PhysicalType physical, int length, LogicalTypeKind kind, int size)
    {
        var logical = new LogicalTypeAnnotation(kind) { Precision = size, BitWidth = size, IsSigned = true };
        var column = new ParquetColumn(0, "odd", physical, length, true, logical);
        var error = Assert.Throws<NotSupportedException>(() => new ParquetFileWriter(new MemoryStream(), [column]));
        Assert.Contains("'odd'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_page_version_other_than_1_or_2_is_refused()
    {
        var column = new ParquetColumn(0, "x", PhysicalType.Double, 0, true, null);
        var error = Assert.Throws<NotSupportedException>(() => new ParquetFileWriter(new MemoryStream(), [column], new ParquetWriteOptions { DataPageVersion = 3 }));
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converted_types_accompany_logical_types_for_older_readers()
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "logical.parquet");
        LogicalTypeFiles.Write(path, rowGroups: 1);
        using var reader = ParquetFileReader.Open(path);
        var converted = reader.Metadata.Schema.Skip(1).ToDictionary(e => e.Name, e => e.ConvertedType);
        Assert.Equal(ConvertedType.Int8, converted["i8"]);
        Assert.Equal(ConvertedType.UInt32, converted["u32"]);
        Assert.Equal(ConvertedType.UInt64, converted["u64"]);
        Assert.Equal(ConvertedType.Date, converted["date"]);
        Assert.Null(converted["ts_millis"]); // local time (not UTC-adjusted) has no converted equivalent
        Assert.Equal(ConvertedType.Decimal, converted["dec9"]);
        Assert.Null(converted["x"]);
        var dec = reader.Metadata.Schema.Single(e => e.Name == "dec18");
        Assert.Equal((4, 18), (dec.Scale, dec.Precision));
    }

    [Fact]
    public void Legacy_min_max_are_written_only_where_signed_order_is_the_type_order()
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "logical.parquet");
        LogicalTypeFiles.Write(path, rowGroups: 1);
        string text = Path.Combine(RepoPaths.TempDirectory(), "text.parquet");
        ParquetTableWriter.Write(new DataTable([new TextColumn("s", ["b", "a", null])]), text);
        using var reader = ParquetFileReader.Open(path);
        var stats = reader.Metadata.RowGroups[0].Columns.ToDictionary(c => c.MetaData!.PathInSchema[0], c => c.MetaData!.Statistics!);
        foreach (var name in new[] { "i8", "i64", "flag", "x", "date" })
        {
            Assert.Equal(stats[name].MinValue, stats[name].Min);
            Assert.Equal(stats[name].MaxValue, stats[name].Max);
        }
        Assert.Null(stats["u32"].Min);
        Assert.Equal(BitConverter.GetBytes(uint.MaxValue), stats["u32"].MaxValue);
        using var textReader = ParquetFileReader.Open(text);
        var s = textReader.Metadata.RowGroups[0].Columns[0].MetaData!.Statistics!;
        Assert.Null(s.Min);
        Assert.Equal("a"u8.ToArray(), s.MinValue);
        Assert.Equal(1, s.NullCount);
    }
}
