using System.Text.Json;
using Predictor.Data.Parquet;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Reads every flat file of the Apache parquet-testing suite through the table reader and compares each cell with
/// DuckDB's reading of it (the expected JSON beside the files).
/// </summary>
public sealed class ReferenceFileTests
{
    /// <summary>Files whose outcome is not "same values as DuckDB", with the reason; each has its own test below.</summary>
    private static readonly Dictionary<string, string> SpecialCases = new(StringComparer.Ordinal)
    {
        ["nation.dict-malformed.parquet"] = "a truncated dictionary page: a reader may either read DuckDB's 25 rows or raise a clear format error",
    };

    /// <summary>
    /// Valid files Parquet.Net 6.1.0 cannot read (DuckDB can), with what it reports. They must fail with one clear
    /// error naming the file; if a library upgrade reads one, its test fails and it moves to the compared set.
    /// </summary>
    public static readonly Dictionary<string, string> NotReadByParquetNet = new(StringComparer.Ordinal)
    {
        ["int96_from_spark.parquet"] = "INT96 timestamps outside DateTime's years 1-9999 (\"un-representable DateTime\")",
        ["rle_boolean_encoding.parquet"] = "GZIP pages Parquet.Net's decompressor rejects (\"unsupported compression method\")",
        ["dict-page-offset-zero.parquet"] = "dictionary_page_offset 0 makes Parquet.Net parse data as a page header (\"Invalid data in Thrift header\")",
        ["datapage_v2_empty_datapage.snappy.parquet"] = "an empty SNAPPY V2 data page (\"Incomplete Snappy block\")",
        ["byte_stream_split_extended.gzip.parquet"] = "a FLOAT16 column: Parquet.Net cannot build its schema (\"type System.Half is not supported\"); DuckDB refuses its INT32 column, so there is no expected JSON either",
    };

    public static TheoryData<string> UnreadableFiles() => [.. NotReadByParquetNet.Keys];

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void Files_parquet_net_cannot_read_give_one_clear_error_naming_the_file(string name)
    {
        var e = Assert.Throws<ParquetFormatException>(() => ParquetTableReader.Read(ParquetTestFiles.Reference(name)));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> FilesWithExpectedValues()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Reference("parquet-testing"), "*.parquet").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (!SpecialCases.ContainsKey(name) && !NotReadByParquetNet.ContainsKey(name)) data.Add(name);
        }
        return data;
    }

    [Fact]
    public void Every_reference_file_is_either_compared_with_duckdb_or_a_named_special_case()
    {
        foreach (var path in Directory.GetFiles(RepoPaths.Reference("parquet-testing"), "*.parquet"))
        {
            string name = Path.GetFileName(path);
            Assert.True(SpecialCases.ContainsKey(name) || NotReadByParquetNet.ContainsKey(name) || File.Exists(ParquetTestFiles.Expected(name)),
                $"{name} has neither an expected JSON nor a dedicated test");
        }
        Assert.True(FilesWithExpectedValues().Count >= 24);
    }

    [Theory]
    [MemberData(nameof(FilesWithExpectedValues))]
    public void Reference_file_reads_the_same_values_as_duckdb(string name)
    {
        AssertMatchesDuckDb(ParquetTestFiles.Reference(name), ParquetTestFiles.Expected(name));
    }

    [Fact]
    public void Zstd_file_reads_the_values_duckdb_reads()
    {
        // Refused by the hand-written reader this replaced; Parquet.Net decodes ZSTD.
        Assert.Contains("byte_stream_split.zstd.parquet", FilesWithExpectedValues());
        AssertMatchesDuckDb(ParquetTestFiles.Reference("byte_stream_split.zstd.parquet"), ParquetTestFiles.Expected("byte_stream_split.zstd.parquet"));
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
        }
    }

    internal static void AssertMatchesDuckDb(string parquetPath, string expectedJsonPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(expectedJsonPath));
        AssertMatchesDuckDb(parquetPath, json.RootElement);
    }

    /// <summary>The whole-file read and the row-group stream both equal DuckDB's answer cell by cell.</summary>
    internal static void AssertMatchesDuckDb(string parquetPath, JsonElement root)
    {
        var names = root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var types = root.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(root.GetProperty("row_count").GetInt32(), rows.Length);

        var table = ParquetTableReader.Read(parquetPath);
        AssertTableMatches(parquetPath, table, names, types, rows, 0);
        int offset = 0;
        foreach (var piece in ParquetTableReader.ReadRowGroups(parquetPath))
        {
            AssertTableMatches(parquetPath, piece, names, types, rows, offset);
            offset += piece.RowCount;
        }
        Assert.Equal(rows.Length, offset);
        Assert.Equal(rows.Length, table.RowCount);
    }

    private static void AssertTableMatches(string path, DataTable table, string[] names, string[] types, JsonElement[] rows, int offset)
    {
        Assert.Equal(names, table.ColumnNames.ToArray());
        for (int c = 0; c < names.Length; c++)
        {
            var column = table.Columns[c];
            for (int r = 0; r < table.RowCount; r++)
            {
                var expected = DuckDbRendering.FromJson(rows[offset + r][c], types[c]);
                var actual = DuckDbRendering.Render(column, r, types[c]);
                if (!DuckDbRendering.Agree(expected, actual, types[c]))
                    Assert.Fail($"{Path.GetFileName(path)} row {offset + r} column '{names[c]}' ({types[c]}): expected {expected ?? "null"}, read {actual ?? "null"}");
            }
        }
    }
}
