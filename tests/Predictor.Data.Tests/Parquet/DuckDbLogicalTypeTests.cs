using System.Globalization;
using System.Text.Json;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Parquet.Writing;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Logical-type annotations the writer produces, read by DuckDB (an independent reader): the types it reports,
/// every value, and the min/max statistics in each type's own order (unsigned columns hold values above the
/// signed maximum, so signed order would give a different answer).
/// </summary>
public sealed class DuckDbLogicalTypeTests
{
    private static readonly string[] ExpectedTypes =
    [
        "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT", "UINTEGER", "BIGINT", "UBIGINT", "DATE",
        "TIMESTAMP", "TIMESTAMP", "DECIMAL(9,2)", "DECIMAL(18,4)", "BOOLEAN", "DOUBLE",
    ];

    /// <summary>Default layout; and v2 pages with delta-encoded integers (no dictionary, so every integer column is DELTA_BINARY_PACKED).</summary>
    public static TheoryData<int, bool> Layouts() => new() { { 1, false }, { 2, true } };

    [PeerTheory(Peers.Node)]
    [MemberData(nameof(Layouts))]
    public void Duckdb_reads_each_annotated_type_with_its_values_and_statistics(int pageVersion, bool delta)
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "logical.parquet");
        var options = new ParquetWriteOptions { PageSizeBytes = 1024, DataPageVersion = pageVersion, DeltaEncodings = delta, UseDictionary = !delta };
        var written = LogicalTypeFiles.Write(path, rowGroups: 2, options);
        using var doc = JsonDocument.Parse(NodeTools.RunOrFail("duckdb-read-parquet.mjs", path));
        var root = doc.RootElement;
        var types = root.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(ExpectedTypes, types);
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(2 * LogicalTypeFiles.Rows, rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < written.Count; c++)
            {
                var expected = DuckDbRendering.Render(written[c], r % LogicalTypeFiles.Rows, types[c]);
                Assert.True(Equals(expected, DuckDbRendering.FromJson(rows[r][c])), $"row {r} column {written[c].Column.Name}: wrote {expected}, DuckDB read {rows[r][c]}");
            }
        }
        foreach (var chunk in root.GetProperty("chunks").EnumerateArray())
        {
            string name = chunk.GetProperty("path_in_schema").GetString()!;
            int c = written.ToList().FindIndex(w => w.Column.Name == name);
            var (min, max) = ExpectedMinMax(written[c], types[c]);
            AssertStatistic(min, chunk.GetProperty("stats_min_value").GetString(), types[c], name);
            AssertStatistic(max, chunk.GetProperty("stats_max_value").GetString(), types[c], name);
            Assert.Equal(written[c].NullCount, long.Parse(chunk.GetProperty("stats_null_count").ToString(), CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Our_reader_reads_the_annotated_file_back_exactly(int pageVersion, bool delta)
    {
        string path = Path.Combine(RepoPaths.TempDirectory(), "logical.parquet");
        var options = new ParquetWriteOptions { PageSizeBytes = 1024, DataPageVersion = pageVersion, DeltaEncodings = delta, UseDictionary = !delta };
        var written = LogicalTypeFiles.Write(path, rowGroups: 1, options);
        using var reader = ParquetFileReader.Open(path);
        if (delta) Assert.Contains(ParquetEncoding.DeltaBinaryPacked, reader.Metadata.RowGroups[0].Columns[0].MetaData!.Encodings);
        var back = reader.ReadRowGroup(0);
        for (int c = 0; c < written.Count; c++)
        {
            Assert.Equal(written[c].Column.LogicalType, reader.Columns[c].LogicalType);
            for (int r = 0; r < LogicalTypeFiles.Rows; r++)
                Assert.Equal(DuckDbRendering.Render(written[c], r, ExpectedTypes[c]), DuckDbRendering.Render(back[c], r, ExpectedTypes[c]));
        }
    }

    [PeerFact(Peers.Node)]
    public void Integer_table_columns_are_written_as_int64_that_duckdb_reads_as_bigint()
    {
        var table = new DataTable(
        [
            new NumericColumn("ecog_ps", [0, 1, double.NaN, 4, -3, 9_007_199_254_740_992]),
            new NumericColumn("age", [61.5, 70, 44.25, double.NaN, 50, 1]),
        ]);
        string path = Path.Combine(RepoPaths.TempDirectory(), "ints.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { IntegerColumns = ["ecog_ps"] });
        using var doc = JsonDocument.Parse(NodeTools.RunOrFail("duckdb-read-parquet.mjs", path));
        Assert.Equal(["BIGINT", "DOUBLE"], doc.RootElement.GetProperty("types").EnumerateArray().Select(e => e.GetString()));
        var ecog = doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r[0].ValueKind == JsonValueKind.Null ? null : r[0].GetString()).ToArray();
        Assert.Equal(new string?[] { "0", "1", null, "4", "-3", "9007199254740992" }, ecog);
        var back = ParquetTableReader.Read(path);
        Assert.Equal(((NumericColumn)table["ecog_ps"]).Values.ToArray(), ((NumericColumn)back["ecog_ps"]).Values.ToArray());
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

    /// <summary>Min and max of the present values in the type's order, rendered as DuckDB renders statistics.</summary>
    private static (object? Min, object? Max) ExpectedMinMax(ParquetColumnData data, string duckType)
    {
        var present = Enumerable.Range(0, data.RowCount).Where(r => !data.IsNull(r)).ToArray();
        Func<int, Int128> key = data switch
        {
            ParquetColumnData<bool> b => r => b.Values[r] ? 1 : 0,
            ParquetColumnData<double> => _ => 0,
            _ when duckType.StartsWith('U') || duckType.EndsWith("INT", StringComparison.Ordinal) || duckType is "INTEGER" => r => ParquetValues.Integer(data, r),
            ParquetColumnData<int> i => r => i.Values[r],
            ParquetColumnData<long> l => r => l.Values[r],
            _ => throw new NotSupportedException(duckType),
        };
        if (data is ParquetColumnData<double> d)
        {
            var values = present.Select(r => d.Values[r]).ToArray();
            return (values.Min(), values.Max());
        }
        int minRow = present.MinBy(key), maxRow = present.MaxBy(key);
        return (DuckDbRendering.Render(data, minRow, duckType), DuckDbRendering.Render(data, maxRow, duckType));
    }

    private static void AssertStatistic(object? expected, string? actual, string duckType, string column)
    {
        switch (expected)
        {
            case double d:
                Assert.True(d == double.Parse(actual!, CultureInfo.InvariantCulture), $"{column}: expected {d}, DuckDB statistic {actual}");
                break;
            case bool b:
                Assert.Equal(b ? "true" : "false", actual);
                break;
            default:
                Assert.True(Equals(expected, actual), $"{column} ({duckType}): expected {expected}, DuckDB statistic {actual}");
                break;
        }
    }
}
