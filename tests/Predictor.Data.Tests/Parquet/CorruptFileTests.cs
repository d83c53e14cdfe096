using System.Buffers.Binary;
using Predictor.Data.Parquet;
using Predictor.Data.Parquet.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Hand-made corruptions with the error each must give: one <see cref="ParquetFormatException"/> naming the file (the fuzz test covers the rest).</summary>
public sealed class CorruptFileTests
{
    private static byte[] Plain() => File.ReadAllBytes(ParquetTestFiles.Reference("alltypes_plain.parquet"));

    private static ParquetFormatException Refused(byte[] bytes, string name) =>
        Assert.Throws<ParquetFormatException>(() => ParquetTableReader.Read(new MemoryStream(bytes), name));

    [Fact]
    public void Csv_handed_over_as_parquet_is_named_as_not_parquet()
    {
        var e = Refused("patient_id,age\nP1,60\n"u8.ToArray(), "cohort.parquet");
        Assert.Contains("cohort.parquet", e.Message, StringComparison.Ordinal);
        Assert.Contains("PAR1", e.Message, StringComparison.Ordinal);
        Assert.Equal("cohort.parquet", e.FilePath);
    }

    [Fact]
    public void Truncated_file_is_a_format_error()
    {
        var bytes = Plain();
        var e = Refused(bytes[..(bytes.Length / 2)], "half.parquet");
        Assert.Equal("half.parquet", e.FilePath);
    }

    [Fact]
    public void Footer_length_larger_than_the_file_is_a_format_error()
    {
        var bytes = Plain();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        var e = Refused(bytes, "lying.parquet");
        Assert.Contains("lying.parquet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lying_length_in_the_footer_is_refused_before_anything_is_allocated_for_it()
    {
        // The length of the footer's first column name becomes 1,879,048,191 (the mutated-file case that once took
        // 13 s and 2.4 GB): Parquet.Net would allocate that many bytes before finding the footer too short.
        var bytes = Plain();
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        int footerStart = bytes.Length - 8 - footerLength;
        int name = bytes.AsSpan(footerStart).IndexOf("bool_col"u8);
        Assert.True(name > 0);
        byte[] lie = [0xFF, 0xFF, 0xFF, 0xFF, 0x06];
        lie.CopyTo(bytes, footerStart + name - 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes, "lying.parquet");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("lying.parquet", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Contains("a binary value of length 1879048191", StringComparison.Ordinal), e.Message);
        Assert.True(allocated < 16 << 20, $"{allocated} bytes allocated while refusing the file");
    }

    [Fact]
    public async Task Damaged_data_page_names_the_file_row_group_and_column()
    {
        // The footer stays intact, so the failure is found while decoding: it must say where.
        var table = TestTables.Cohort(300, seed: 2);
        string path = Path.Combine(RepoPaths.TempDirectory(), "damaged.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { RowGroupSize = 100 });
        var bytes = File.ReadAllBytes(path);
        long offset;
        using (var stream = new MemoryStream(bytes))
        {
            await using var reader = await global::Parquet.ParquetReader.CreateAsync(stream);
            var meta = reader.Metadata!.RowGroups[1].Columns[1].MetaData!;
            offset = meta.DictionaryPageOffset is long d && d > 0 ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
        }
        for (int k = 0; k < 32; k++) bytes[offset + k] = 0xFF;
        var e = Refused(bytes, "damaged.parquet");
        Assert.Equal(1, e.RowGroup);
        Assert.Equal("age_years", e.ColumnName);
        Assert.Contains("row group 1, column 'age_years'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<ParquetFormatException>(() => ParquetTableReader.Read(Path.Combine(RepoPaths.TempDirectory(), "absent.parquet")));
        Assert.Contains("absent.parquet", e.Message, StringComparison.Ordinal);
    }
}
