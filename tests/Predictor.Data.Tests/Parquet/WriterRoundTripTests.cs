using Predictor.Data.Parquet.Inspection;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Tables written by the writer read back exactly (nulls in every column, levels kept), whatever the codec and row-group size.</summary>
public sealed class WriterRoundTripTests
{
    public static TheoryData<ParquetCompression, int> Settings() => new()
    {
        { ParquetCompression.Snappy, 131_072 },
        { ParquetCompression.Gzip, 300 },
        { ParquetCompression.Zstd, 1000 },
        { ParquetCompression.Zstd, 131_072 },
        { ParquetCompression.None, 77 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Table_round_trips_exactly(ParquetCompression compression, int rowGroupSize)
    {
        var table = TestTables.Cohort(2000, seed: 7);
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { Compression = compression, RowGroupSize = rowGroupSize });

        TestTables.AssertEqual(table, ParquetTableReader.Read(path));
        var summary = ParquetFile.Inspect(path);
        Assert.Equal((2000 + rowGroupSize - 1) / rowGroupSize, summary.RowGroups.Count);
        string codec = compression == ParquetCompression.None ? "UNCOMPRESSED" : compression.ToString().ToUpperInvariant();
        Assert.All(summary.Columns, c => Assert.Equal([codec], c.Codecs));
        // Levels kept: the categorical columns come back with their level order and ordering flag (checked above), from the footer.
        Assert.Equal("BYTE_ARRAY STRING OPTIONAL", summary.Columns.Single(c => c.Name == "sex").Type);
    }

    [Fact]
    public void Nulls_in_every_column_round_trip_and_are_counted_in_the_footer()
    {
        var table = TestTables.Cohort(500, seed: 11);
        string path = Path.Combine(RepoPaths.TempDirectory(), "t.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { RowGroupSize = 200 });
        TestTables.AssertEqual(table, ParquetTableReader.Read(path));
        var summary = ParquetFile.Inspect(path);
        foreach (var column in table.Columns.Where(c => c.Name != "patient_id"))
        {
            Assert.True(column.MissingCount > 0, column.Name);
            Assert.Equal(column.MissingCount, summary.Columns.Single(c => c.Name == column.Name).NullCount);
        }
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
        Assert.Equal(table.ColumnNames, ParquetTableReader.ColumnNames(path));
        Assert.ThrowsAny<Errors.PredictorInputException>(() => ParquetTableReader.Read(path, ["no_such_column"]));
    }

    [Fact]
    public void Integer_columns_that_are_not_whole_numbers_or_not_in_the_table_are_refused()
    {
        var table = new DataTable([new NumericColumn("x", [1, 2.5]), new TextColumn("s", ["a", "b"])]);
        string path = Path.Combine(RepoPaths.TempDirectory(), "bad.parquet");
        var fraction = Assert.Throws<ArgumentException>(() => ParquetTableWriter.Write(table, path, new ParquetWriteOptions { IntegerColumns = ["x"] }));
        Assert.Contains("2.5", fraction.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ParquetTableWriter.Write(table, path, new ParquetWriteOptions { IntegerColumns = ["missing"] }));
        Assert.Throws<ArgumentException>(() => ParquetTableWriter.Write(table, path, new ParquetWriteOptions { IntegerColumns = ["s"] }));
        Assert.False(File.Exists(path));
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
