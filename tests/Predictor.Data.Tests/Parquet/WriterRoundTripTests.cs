using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Parquet.Writing;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Tables written by the writer read back exactly, whatever the codec, dictionary and row-group settings.</summary>
public sealed class WriterRoundTripTests
{
    public static TheoryData<CompressionCodec, bool, int> Settings() => new()
    {
        { CompressionCodec.Snappy, true, 131_072 },
        { CompressionCodec.Gzip, true, 300 },
        { CompressionCodec.Uncompressed, false, 1000 },
        { CompressionCodec.Snappy, false, 77 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Table_round_trips_exactly(CompressionCodec codec, bool dictionary, int rowGroupSize)
    {
        var table = TestTables.Cohort(2000, seed: 7);
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        var options = new ParquetWriteOptions { Codec = codec, UseDictionary = dictionary, RowGroupSize = rowGroupSize, PageSizeBytes = 4096 };
        ParquetTableWriter.Write(table, path, options);

        TestTables.AssertEqual(table, ParquetTableReader.Read(path));
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal((2000 + rowGroupSize - 1) / rowGroupSize, reader.RowGroupCount);
        Assert.StartsWith("predictor-parquet version", reader.Metadata.CreatedBy, StringComparison.Ordinal);
        Assert.All(reader.Metadata.RowGroups.SelectMany(g => g.Columns), c => Assert.Equal(codec, c.MetaData!.Codec));
        var sexEncodings = reader.Metadata.RowGroups[0].Columns[2].MetaData!.Encodings;
        Assert.Equal(dictionary, sexEncodings.Contains(ParquetEncoding.PlainDictionary));
    }

    [Fact]
    public void Streaming_by_row_group_and_column_projection_return_the_requested_slices()
    {
        var table = TestTables.Cohort(1000, seed: 3);
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { RowGroupSize = 300 });

        var pieces = ParquetTableReader.ReadRowGroups(path, ["afp_ng_ml", "sex"]).ToList();
        Assert.Equal([300, 300, 300, 100], pieces.Select(p => p.RowCount));
        int offset = 0;
        foreach (var piece in pieces)
        {
            Assert.Equal(["afp_ng_ml", "sex"], piece.ColumnNames);
            var rows = Enumerable.Range(offset, piece.RowCount).ToArray();
            TestTables.AssertEqual(table.SelectColumns(["afp_ng_ml", "sex"]).SelectRows(rows), piece);
            offset += piece.RowCount;
        }
        var projected = ParquetTableReader.Read(path, ["microvascular_invasion", "patient_id"]);
        TestTables.AssertEqual(table.SelectColumns(["microvascular_invasion", "patient_id"]), projected);
        Assert.Throws<Errors.PredictorInputException>(() => ParquetTableReader.Read(path, ["no_such_column"]));
    }

    [Fact]
    public void Statistics_hold_min_max_and_null_count_per_row_group()
    {
        var table = TestTables.Cohort(500, seed: 11);
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { RowGroupSize = 200 });
        using var reader = ParquetFileReader.Open(path);
        var age = (NumericColumn)table["age_years"];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var values = age.Values.Slice(g * 200, (int)reader.Metadata.RowGroups[g].NumRows).ToArray();
            var stats = reader.Metadata.RowGroups[g].Columns[1].MetaData!.Statistics!;
            Assert.Equal(values.Count(double.IsNaN), stats.NullCount);
            Assert.Equal(values.Where(v => !double.IsNaN(v)).Min(), BitConverter.ToDouble(stats.MinValue));
            Assert.Equal(values.Where(v => !double.IsNaN(v)).Max(), BitConverter.ToDouble(stats.MaxValue));
        }
    }

    [Fact]
    public void Every_physical_type_round_trips_through_the_low_level_writer()
    {
        var random = new Random(5);
        int n = 1500;
        var validity = Enumerable.Range(0, n).Select(i => i % 9 != 0).ToArray();
        ParquetColumn Col(int i, string name, PhysicalType type, bool optional, int length = 0) => new(i, name, type, length, optional, null);
        var columns = new ParquetColumn[]
        {
            Col(0, "i32", PhysicalType.Int32, true),
            Col(1, "i64", PhysicalType.Int64, false),
            Col(2, "f32", PhysicalType.Float, true),
            Col(3, "flba", PhysicalType.FixedLenByteArray, true, 3),
            Col(4, "small_ints", PhysicalType.Int32, false),
        };
        var i32 = Enumerable.Range(0, n).Select(i => validity[i] ? random.Next(int.MinValue, int.MaxValue) : 0).ToArray();
        var i64 = Enumerable.Range(0, n).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        var f32 = Enumerable.Range(0, n).Select(i => validity[i] ? (i % 50 == 1 ? float.NaN : (float)random.NextDouble()) : 0f).ToArray();
        var flbaBytes = new byte[n * 3];
        random.NextBytes(flbaBytes);
        var offsets = Enumerable.Range(0, n + 1).Select(i => i * 3).ToArray();
        var smallInts = Enumerable.Range(0, n).Select(i => i % 4).ToArray();
        var data = new ParquetColumnData[]
        {
            new ParquetColumnData<int>(columns[0], i32, validity),
            new ParquetColumnData<long>(columns[1], i64, null),
            new ParquetColumnData<float>(columns[2], f32, validity),
            new ParquetBinaryColumnData(columns[3], flbaBytes, offsets, null),
            new ParquetColumnData<int>(columns[4], smallInts, null),
        };
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        using (var writer = ParquetFileWriter.Create(path, columns, new ParquetWriteOptions { PageSizeBytes = 2048 }))
        {
            writer.WriteRowGroup(data);
            writer.WriteRowGroup(data);
        }
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(2 * n, reader.RowCount);
        for (int g = 0; g < 2; g++)
        {
            var back = reader.ReadRowGroup(g);
            var r0 = (ParquetColumnData<int>)back[0];
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(!validity[i], r0.IsNull(i));
                if (validity[i]) Assert.Equal(i32[i], r0.Values[i]);
            }
            Assert.Equal(i64, ((ParquetColumnData<long>)back[1]).Values);
            var r2 = (ParquetColumnData<float>)back[2];
            for (int i = 0; i < n; i++)
                if (validity[i]) Assert.Equal(BitConverter.SingleToInt32Bits(f32[i]), BitConverter.SingleToInt32Bits(r2.Values[i]));
            Assert.Equal(flbaBytes, ((ParquetBinaryColumnData)back[3]).Data);
            Assert.Equal(smallInts, ((ParquetColumnData<int>)back[4]).Values);
        }
        Assert.Contains(ParquetEncoding.PlainDictionary, reader.Metadata.RowGroups[0].Columns[4].MetaData!.Encodings);
        Assert.DoesNotContain(ParquetEncoding.PlainDictionary, reader.Metadata.RowGroups[0].Columns[1].MetaData!.Encodings);
    }

    [Fact]
    public void Empty_table_writes_a_valid_file()
    {
        var table = new DataTable([new NumericColumn("x", []), new TextColumn("s", [])]);
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        ParquetTableWriter.Write(table, path);
        var back = ParquetTableReader.Read(path);
        Assert.Equal(0, back.RowCount);
        Assert.Equal(["x", "s"], back.ColumnNames);
    }
}
