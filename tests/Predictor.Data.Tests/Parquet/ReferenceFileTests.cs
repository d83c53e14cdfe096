using System.Text.Json;
using Predictor.Data.Parquet;
using Predictor.Data.Parquet.Reading;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Reads every file of the Apache parquet-testing suite and compares each value with DuckDB's reading of it.
/// </summary>
public sealed class ReferenceFileTests
{
    /// <summary>Files whose expected outcome is not "same values as DuckDB"; each has its own test below.</summary>
    private static readonly HashSet<string> SpecialCases = new(StringComparer.Ordinal)
    {
        "byte_stream_split.zstd.parquet",
        "byte_stream_split_extended.gzip.parquet",
        "nation.dict-malformed.parquet",
    };

    public static TheoryData<string> FilesWithExpectedValues()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Reference("parquet-testing"), "*.parquet").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (!SpecialCases.Contains(name)) data.Add(name);
        }
        return data;
    }

    [Fact]
    public void Every_reference_file_is_either_compared_with_duckdb_or_a_named_special_case()
    {
        foreach (var path in Directory.GetFiles(RepoPaths.Reference("parquet-testing"), "*.parquet"))
        {
            string name = Path.GetFileName(path);
            Assert.True(SpecialCases.Contains(name) || File.Exists(ParquetTestFiles.Expected(name)),
                $"{name} has neither an expected JSON nor a dedicated test");
        }
        Assert.True(FilesWithExpectedValues().Count >= 25);
    }

    [Theory]
    [MemberData(nameof(FilesWithExpectedValues))]
    public void Reference_file_reads_the_same_values_as_duckdb(string name)
    {
        AssertMatchesDuckDb(ParquetTestFiles.Reference(name), ParquetTestFiles.Expected(name));
    }

    [Fact]
    public void Zstd_file_gives_a_clear_unsupported_codec_error()
    {
        string path = ParquetTestFiles.Reference("byte_stream_split.zstd.parquet");
        using var reader = ParquetFileReader.Open(path);
        var e = Assert.Throws<ParquetUnsupportedException>(() => reader.ReadColumn(0, 0));
        Assert.Contains("unsupported codec ZSTD in column 'f32'", e.Message, StringComparison.Ordinal);
        Assert.Equal("f32", e.ColumnName);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Malformed_dictionary_file_gives_a_format_error_or_the_25_rows_duckdb_reads()
    {
        string name = "nation.dict-malformed.parquet";
        try
        {
            AssertMatchesDuckDb(ParquetTestFiles.Reference(name), ParquetTestFiles.Expected(name));
        }
        catch (ParquetFormatException e)
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
            Assert.NotNull(e.ColumnName);
        }
    }

    [Fact]
    public void Byte_stream_split_columns_equal_their_plain_twins()
    {
        // The file pairs each BYTE_STREAM_SPLIT column with a PLAIN column holding the same values.
        string path = ParquetTestFiles.Reference("byte_stream_split_extended.gzip.parquet");
        using var reader = ParquetFileReader.Open(path);
        var names = reader.Columns.Select(c => c.Name).ToList();
        int pairs = 0;
        foreach (var name in names.Where(n => n.EndsWith("_byte_stream_split", StringComparison.Ordinal)))
        {
            string twin = name[..^"_byte_stream_split".Length] + "_plain";
            Assert.Contains(twin, names);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var split = reader.ReadColumn(g, names.IndexOf(name));
                var plain = reader.ReadColumn(g, names.IndexOf(twin));
                Assert.Equal(plain.RowCount, split.RowCount);
                for (int row = 0; row < plain.RowCount; row++)
                    Assert.Equal(Cell(plain, row), Cell(split, row));
            }
            pairs++;
        }
        Assert.True(pairs >= 5, $"expected the five split column types, found {pairs}");
    }

    private static string? Cell(ParquetColumnData data, int row)
    {
        if (data.IsNull(row)) return null;
        return data switch
        {
            ParquetBinaryColumnData b => Convert.ToHexString(b.GetBytes(row)),
            ParquetColumnData<float> f => BitConverter.SingleToInt32Bits(f.Values[row]).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ParquetColumnData<double> d => BitConverter.DoubleToInt64Bits(d.Values[row]).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ParquetColumnData<int> i => i.Values[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ParquetColumnData<long> l => l.Values[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException(data.GetType().Name),
        };
    }

    internal static void AssertMatchesDuckDb(string parquetPath, string expectedJsonPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(expectedJsonPath));
        var root = json.RootElement;
        var names = root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var types = root.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(root.GetProperty("row_count").GetInt32(), rows.Length);

        using var reader = ParquetFileReader.Open(parquetPath);
        Assert.Equal(names, reader.Columns.Select(c => c.Name).ToArray());
        Assert.Equal(rows.Length, reader.RowCount);
        int rowBase = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.ReadRowGroup(g);
            int groupRows = group.Count == 0 ? 0 : group[0].RowCount;
            for (int c = 0; c < names.Length; c++)
            {
                var data = group[c];
                Assert.Equal(groupRows, data.RowCount);
                for (int r = 0; r < data.RowCount; r++)
                {
                    var expected = DuckDbRendering.FromJson(rows[rowBase + r][c]);
                    var actual = DuckDbRendering.Render(data, r, types[c]);
                    if (!Equals(expected, actual) && actual != DuckDbRendering.OutOfDuckDbRange)
                        Assert.Fail($"{Path.GetFileName(parquetPath)} row {rowBase + r} column '{names[c]}' ({types[c]}): expected {expected ?? "null"}, read {actual ?? "null"}");
                }
            }
            rowBase += groupRows;
        }
        Assert.Equal(rows.Length, rowBase);
    }
}
