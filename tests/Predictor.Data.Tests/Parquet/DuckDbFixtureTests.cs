using System.Text.Json;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

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

    [Theory]
    [MemberData(nameof(Variants))]
    public void Duckdb_written_file_reads_the_values_duckdb_reads(string variant)
    {
        ReferenceFileTests.AssertMatchesDuckDb(ParquetTestFiles.Fixture(variant + ".parquet"), Expected());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Fixture_uses_the_encodings_duckdb_reported(string variant)
    {
        // Guards the fixtures themselves: each exercises what it claims (e.g. the V2 file really is delta-encoded).
        var expected = Expected().GetProperty("encodings").GetProperty(variant);
        using var reader = ParquetFileReader.Open(ParquetTestFiles.Fixture(variant + ".parquet"));
        foreach (var column in reader.Columns)
        {
            var encodings = reader.Metadata.RowGroups.SelectMany(g => g.Columns[column.Index].MetaData!.Encodings).ToHashSet();
            string duck = expected.GetProperty(column.Name).GetString()!;
            var named = duck switch
            {
                "PLAIN_DICTIONARY" => ParquetEncoding.PlainDictionary,
                "RLE_DICTIONARY" => ParquetEncoding.RleDictionary,
                "DELTA_BINARY_PACKED" => ParquetEncoding.DeltaBinaryPacked,
                "DELTA_LENGTH_BYTE_ARRAY" => ParquetEncoding.DeltaLengthByteArray,
                "BYTE_STREAM_SPLIT" => ParquetEncoding.ByteStreamSplit,
                "DELTA_BYTE_ARRAY" => ParquetEncoding.DeltaByteArray,
                _ => ParquetEncoding.Plain,
            };
            Assert.Contains(named, encodings);
        }
        if (variant == "duckdb_two_row_groups") Assert.Equal(2, reader.RowGroupCount);
        if (variant == "duckdb_v2_delta")
        {
            var all = reader.Metadata.RowGroups[0].Columns.SelectMany(c => c.MetaData!.Encodings).ToHashSet();
            Assert.Contains(ParquetEncoding.DeltaBinaryPacked, all);
            Assert.Contains(ParquetEncoding.DeltaLengthByteArray, all);
            Assert.Contains(ParquetEncoding.ByteStreamSplit, all);
        }
    }
}
