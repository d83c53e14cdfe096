using Predictor.Data.Parquet.Inspection;

namespace Predictor.Data.Tests.Parquet;

public sealed class InspectTests
{
    [Fact]
    public void Inspect_reports_schema_row_groups_codecs_and_encodings_of_a_duckdb_file()
    {
        var summary = ParquetFile.Inspect(ParquetTestFiles.Fixture("duckdb_two_row_groups.parquet"));
        Assert.Equal(2500, summary.RowCount);
        Assert.Equal(2, summary.RowGroups.Count);
        Assert.Equal(2500, summary.RowGroups.Sum(g => g.RowCount));
        var sex = summary.Columns.Single(c => c.Name == "sex");
        Assert.Equal("BYTE_ARRAY STRING OPTIONAL", sex.Type);
        Assert.Equal(["SNAPPY"], sex.Codecs);
        Assert.Contains("PLAIN_DICTIONARY", sex.Encodings);
        Assert.Equal("INT64 TIMESTAMP(MICROS) OPTIONAL", summary.Columns.Single(c => c.Name == "visit_time").Type);
        Assert.Equal("INT64 DECIMAL(10,2) OPTIONAL", summary.Columns.Single(c => c.Name == "afp_ng_ml").Type);
        // 2500 rows, every 11th etiology null (i = 0, 11, ..., 2497): 228 nulls.
        Assert.Equal(228, summary.Columns.Single(c => c.Name == "etiology").NullCount);
        string text = ParquetFile.Format(summary);
        Assert.Contains("2500 rows, 12 columns, 2 row groups", text, StringComparison.Ordinal);
        Assert.Contains("created by: DuckDB", text, StringComparison.Ordinal);
    }
}
