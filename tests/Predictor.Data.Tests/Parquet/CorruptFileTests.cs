using System.Buffers.Binary;
using Predictor.Data.Parquet;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Hand-made corruptions with the specific error each must give (the fuzz test covers the rest).</summary>
public sealed class CorruptFileTests
{
    private static byte[] Plain() => File.ReadAllBytes(ParquetTestFiles.Reference("alltypes_plain.parquet"));

    [Fact]
    public void Csv_handed_over_as_parquet_is_named_as_not_parquet()
    {
        var e = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open("patient_id,age\nP1,60\n"u8.ToArray(), "cohort.parquet"));
        Assert.Contains("cohort.parquet", e.Message, StringComparison.Ordinal);
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_a_format_error()
    {
        var bytes = Plain();
        var e = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(bytes[..(bytes.Length / 2)], "half.parquet"));
        Assert.Equal("half.parquet", e.FilePath);
    }

    [Fact]
    public void Footer_length_larger_than_the_file_is_refused_before_allocating()
    {
        var bytes = Plain();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        var e = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(bytes, "lying.parquet"));
        Assert.Contains("footer length", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_claiming_more_bytes_than_its_chunk_names_column_row_group_and_page()
    {
        // Our writer emits page header fields 1, 2, 3 in order; rewrite field 3 (compressed_page_size) to a huge value.
        var column = new Predictor.Data.Parquet.Schema.ParquetColumn(0, "id", Predictor.Data.Parquet.Metadata.PhysicalType.Int32, 0, false, null);
        var stream = new MemoryStream();
        using (var writer = new Predictor.Data.Parquet.Writing.ParquetFileWriter(stream, [column], new() { UseDictionary = false }, leaveOpen: true))
            writer.WriteRowGroup([new ParquetColumnData<int>(column, Enumerable.Range(0, 100).ToArray(), null)]);
        var bytes = stream.ToArray();
        using var reader = ParquetFileReader.Open(bytes, "x.parquet");
        long start = reader.Metadata.RowGroups[0].Columns[0].MetaData!.DataPageOffset;
        int at = (int)start;
        Assert.Equal(0x15, bytes[at]);       // field 1 (type), i32
        int pos = at + 2;                     // type value is one byte (0)
        Assert.Equal(0x15, bytes[pos]);      // field 2 (uncompressed size)
        pos++;
        while ((bytes[pos] & 0x80) != 0) pos++;
        pos++;
        Assert.Equal(0x15, bytes[pos]);      // field 3 (compressed size)
        pos++;
        int varintStart = pos;
        while ((bytes[pos] & 0x80) != 0) pos++;
        int varintLength = pos - varintStart + 1;
        for (int k = 0; k < varintLength - 1; k++) bytes[varintStart + k] = 0xFF;
        bytes[varintStart + varintLength - 1] = 0x7F;
        using var corrupt = ParquetFileReader.Open(bytes, "x.parquet");
        var e = Assert.Throws<ParquetFormatException>(() => corrupt.ReadColumn(0, 0));
        Assert.Equal("id", e.ColumnName);
        Assert.Equal(0, e.RowGroup);
        Assert.Equal(0, e.Page);
        Assert.Contains("page claims", e.Message, StringComparison.Ordinal);
    }
}
