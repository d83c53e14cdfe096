using System.Text.Json;
using Predictor.Data.Parquet.Inspection;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Files written by DuckDB (tools/node/make-parquet-fixtures.mjs; committed, so no npm is needed) are read
/// with the same values DuckDB reads from them, across codecs, dictionary on/off, V2 delta pages and row groups.
/// </summary>
public sealed class DuckDbFixtureTests
{
    public static TheoryData<string> Variants() => new()
    {
        "duckdb_snappy", "duckdb_gzip", "duckdb_uncompressed", "duckdb_snappy_nodict",
        "duckdb_v2_delta", "duckdb_v2_dict", "duckdb_two_row_groups",
    };

    private static JsonElement Expected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ParquetTestFiles.Fixture("duckdb_cohort.expected.json")));
        return doc.RootElement.Clone();
    }

    /// <summary>DuckDB's V2 files store DECIMAL as DELTA_BINARY_PACKED INT64, which Parquet.Net 6.1.0 does not decode.</summary>
    private static readonly HashSet<string> DecimalDeltaVariants = new(StringComparer.Ordinal) { "duckdb_v2_delta", "duckdb_v2_dict" };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Duckdb_written_file_reads_the_values_duckdb_reads(string variant)
    {
        if (DecimalDeltaVariants.Contains(variant))
        {
            var e = Assert.Throws<Predictor.Data.Parquet.ParquetFormatException>(() => ReferenceFileTests.AssertMatchesDuckDb(ParquetTestFiles.Fixture(variant + ".parquet"), Expected()));
            // One clear error naming the file and, deterministically, the first column (in file order) Parquet.Net
            // trips on: the parallel read reports the first failure in column order, not whichever thread failed first.
            Assert.Contains($"{variant}.parquet'", e.Message, StringComparison.Ordinal);
            var again = Assert.Throws<Predictor.Data.Parquet.ParquetFormatException>(() => ReferenceFileTests.AssertMatchesDuckDb(ParquetTestFiles.Fixture(variant + ".parquet"), Expected()));
            Assert.Equal(e.Message, again.Message);
            Assert.NotNull(e.ColumnName);
            return;
        }
        ReferenceFileTests.AssertMatchesDuckDb(ParquetTestFiles.Fixture(variant + ".parquet"), Expected());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Fixture_uses_the_encodings_duckdb_reported(string variant)
    {
        // Guards the fixtures themselves (e.g. the V2 file really is delta-encoded), read from Parquet.Net's metadata.
        var expected = Expected().GetProperty("encodings").GetProperty(variant);
        var summary = ParquetFile.Inspect(ParquetTestFiles.Fixture(variant + ".parquet"));
        foreach (var column in summary.Columns)
        {
            string duck = expected.GetProperty(column.Name).GetString()!;
            Assert.Contains(duck is "PLAIN_DICTIONARY" or "RLE_DICTIONARY" or "DELTA_BINARY_PACKED" or "DELTA_LENGTH_BYTE_ARRAY" or "BYTE_STREAM_SPLIT" or "DELTA_BYTE_ARRAY" ? duck : "PLAIN", column.Encodings);
        }
        if (variant == "duckdb_two_row_groups") Assert.Equal(2, summary.RowGroups.Count);
        if (variant == "duckdb_v2_delta")
        {
            var all = summary.Columns.SelectMany(c => c.Encodings).ToHashSet();
            Assert.Contains("DELTA_BINARY_PACKED", all);
            Assert.Contains("DELTA_LENGTH_BYTE_ARRAY", all);
            Assert.Contains("BYTE_STREAM_SPLIT", all);
        }
    }
}
