using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Writing;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>The dictionary give-up estimate against simulated uniform domains, and the writer's resulting choices.</summary>
public sealed class DistinctEstimateTests
{
    /// <summary>Near saturation (most of the sample distinct) a small change in the sample moves the estimate a lot, hence the wider tolerance.</summary>
    [Theory]
    [InlineData(300, 1.25)]
    [InlineData(701, 1.25)]
    [InlineData(5_000, 1.5)]
    [InlineData(20_001, 1.6)]
    public void Projects_the_distinct_count_of_a_uniform_domain(int domain, double tolerance)
    {
        var random = new Random(domain);
        const int total = 131_072;
        var values = Enumerable.Range(0, total).Select(_ => random.Next(domain)).ToArray();
        int sampleDistinct = values.Take(1024).Distinct().Count();
        int actual = values.Distinct().Count();
        double projected = DistinctEstimate.Project(1024, sampleDistinct, total);
        Assert.InRange(projected, actual / tolerance, actual * tolerance);
    }

    [Fact]
    public void A_sample_without_repeats_projects_every_value_distinct()
    {
        Assert.Equal(50_000, DistinctEstimate.Project(1024, 1024, 50_000));
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(20_001, true)]
    [InlineData(0, false)]
    public void Writer_uses_a_dictionary_when_values_repeat_enough_and_plain_for_unique_values(int domain, bool dictionary)
    {
        var random = new Random(7);
        const int rows = 100_000;
        var values = Enumerable.Range(0, rows).Select(i => domain == 0 ? i * 0.5 : random.Next(domain) / 1000.0).ToArray();
        var column = new ParquetColumn(0, "x", PhysicalType.Double, 0, false, null);
        string path = Path.Combine(RepoPaths.TempDirectory(), "dictionary.parquet");
        using (var writer = ParquetFileWriter.Create(path, [column]))
        {
            writer.WriteRowGroup([new ParquetColumnData<double>(column, values, null)]);
        }
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(dictionary, reader.Metadata.RowGroups[0].Columns[0].MetaData!.Encodings.Contains(ParquetEncoding.PlainDictionary));
        Assert.Equal(values, ((ParquetColumnData<double>)reader.ReadColumn(0, 0)).Values);
    }
}
