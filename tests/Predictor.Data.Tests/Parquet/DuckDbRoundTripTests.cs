using System.Globalization;
using System.Text.Json;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Files this writer produces are read by DuckDB (an independent implementation, via tools/node) with the same
/// values, null counts and min/max statistics. Needs node and npm; the first run installs tools/node's packages.
/// </summary>
public sealed class DuckDbRoundTripTests
{
    public static TheoryData<ParquetCompression> Settings() => new()
    {
        ParquetCompression.Snappy, ParquetCompression.Gzip, ParquetCompression.Zstd, ParquetCompression.None,
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Duckdb_reads_what_the_writer_wrote(ParquetCompression compression)
    {
        var table = TestTables.Cohort(1200, seed: 21);
        string path = Path.Combine(RepoPaths.TempDirectory(), "ours.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { Compression = compression, RowGroupSize = 500 });

        using var doc = JsonDocument.Parse(NodeTools.RunOrFail("duckdb-read-parquet.mjs", path));
        var root = doc.RootElement;
        Assert.Equal(table.ColumnNames, root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["VARCHAR", "DOUBLE", "VARCHAR", "VARCHAR", "DOUBLE", "BOOLEAN", "VARCHAR"], root.GetProperty("types").EnumerateArray().Select(e => e.GetString()));
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(table.RowCount, rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var cell = rows[r][c];
                if (column.IsMissing(r))
                {
                    Assert.True(cell.ValueKind == JsonValueKind.Null, $"row {r} column {column.Name}: expected null, DuckDB read {cell}");
                    continue;
                }
                switch (column)
                {
                    case NumericColumn n:
                        // JSON.stringify prints -0 as 0, so signed zero is compared by value here (and bit-exactly in our own round trip).
                        if (n[r] == 0) Assert.Equal(0.0, cell.GetDouble());
                        else Assert.Equal(BitConverter.DoubleToInt64Bits(n[r]), BitConverter.DoubleToInt64Bits(cell.GetDouble()));
                        break;
                    case BooleanColumn b:
                        Assert.Equal(b[r], cell.GetBoolean());
                        break;
                    default:
                        Assert.Equal(column.FormatValue(r), cell.GetString());
                        break;
                }
            }
        }
        AssertStatisticsMatch(table, root.GetProperty("chunks"), 500);
    }

    [Fact]
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

    /// <summary>DuckDB's parquet_metadata() statistics for every chunk equal the values' own min, max and null count.</summary>
    private static void AssertStatisticsMatch(DataTable table, JsonElement chunks, int rowGroupSize)
    {
        int checkedChunks = 0;
        foreach (var chunk in chunks.EnumerateArray())
        {
            int group = int.Parse(chunk.GetProperty("row_group_id").GetString() ?? chunk.GetProperty("row_group_id").ToString(), CultureInfo.InvariantCulture);
            string name = chunk.GetProperty("path_in_schema").GetString()!;
            var column = table[name];
            int start = group * rowGroupSize;
            var rows = Enumerable.Range(start, Math.Min(rowGroupSize, table.RowCount - start)).ToArray();
            var slice = column.Select(rows);
            long nulls = long.Parse(chunk.GetProperty("stats_null_count").ToString(), CultureInfo.InvariantCulture);
            Assert.Equal(slice.MissingCount, nulls);
            string? min = chunk.GetProperty("stats_min_value").GetString();
            string? max = chunk.GetProperty("stats_max_value").GetString();
            checkedChunks++;
            // Min/max are optional in Parquet (Parquet.Net writes none for booleans); where written they must be right.
            if (min is null && max is null) continue;
            switch (slice)
            {
                case NumericColumn n:
                    {
                        var present = n.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray();
                        Assert.Equal(present.Min(), double.Parse(min!, CultureInfo.InvariantCulture));
                        Assert.Equal(present.Max(), double.Parse(max!, CultureInfo.InvariantCulture));
                        break;
                    }
                case BooleanColumn b:
                    {
                        var present = Enumerable.Range(0, b.Length).Where(i => !b.IsMissing(i)).Select(i => b[i]!.Value).ToArray();
                        Assert.Equal(present.Min() ? "true" : "false", min);
                        Assert.Equal(present.Max() ? "true" : "false", max);
                        break;
                    }
                default:
                    {
                        var present = Enumerable.Range(0, slice.Length).Where(i => !slice.IsMissing(i)).Select(i => slice.FormatValue(i)!).ToArray();
                        Assert.Equal(present.Min(StringComparer.Ordinal), min);
                        Assert.Equal(present.Max(StringComparer.Ordinal), max);
                        break;
                    }
            }
        }
        Assert.Equal(table.Columns.Count * ((table.RowCount + rowGroupSize - 1) / rowGroupSize), checkedChunks);
    }
}
