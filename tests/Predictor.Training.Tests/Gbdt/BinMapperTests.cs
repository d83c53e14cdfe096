using Predictor.Training.Gbdt.Binning;

namespace Predictor.Training.Tests.Gbdt;

public class BinMapperTests
{
    [Fact]
    public void Few_distinct_values_get_one_bin_each_with_midpoint_bounds()
    {
        var mapper = BinMapper.ForNumeric([3, 1, 2, 2, 1, double.NaN], 255);
        Assert.Equal(3, mapper.ValueBinCount);
        Assert.Equal(1.5, mapper.UpperBound(1));
        Assert.Equal(2.5, mapper.UpperBound(2));
        Assert.Equal(double.MaxValue, mapper.UpperBound(3));
        Assert.Equal(0, mapper.ToBin(double.NaN));
        Assert.Equal(1, mapper.ToBin(1));
        Assert.Equal(2, mapper.ToBin(2));
        Assert.Equal(3, mapper.ToBin(3));
        Assert.Equal(3, mapper.ToBin(1e300));
        Assert.Equal(1, mapper.ToBin(-1e300));
    }

    [Fact]
    public void Many_distinct_values_are_cut_into_bins_of_similar_size()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var mapper = BinMapper.ForNumeric(values, 10);
        Assert.Equal(10, mapper.ValueBinCount);
        var counts = new int[11];
        foreach (double v in values) counts[mapper.ToBin(v)]++;
        Assert.Equal(0, counts[0]);
        Assert.All(counts.Skip(1), c => Assert.InRange(c, 900, 1100));
    }

    [Fact]
    public void A_very_frequent_value_gets_a_bin_of_its_own()
    {
        var values = Enumerable.Repeat(0.0, 5000).Concat(Enumerable.Range(1, 5000).Select(i => (double)i)).ToArray();
        var mapper = BinMapper.ForNumeric(values, 8);
        Assert.True(mapper.ValueBinCount <= 8);
        Assert.Equal(1, mapper.ToBin(0));
        Assert.Equal(2, mapper.ToBin(1));
    }

    [Fact]
    public void Adjacent_doubles_keep_a_bound_below_the_larger_value()
    {
        double a = 1.0, b = Math.BitIncrement(1.0);
        var mapper = BinMapper.ForNumeric([a, b], 255);
        Assert.Equal(1, mapper.ToBin(a));
        Assert.Equal(2, mapper.ToBin(b));
    }

    [Fact]
    public void Categorical_levels_map_to_code_plus_one()
    {
        var mapper = BinMapper.ForCategorical(5, "etiology");
        Assert.Equal(5, mapper.ValueBinCount);
        Assert.Equal(0, mapper.ToBin(double.NaN));
        Assert.Equal(1, mapper.ToBin(0));
        Assert.Equal(5, mapper.ToBin(4));
        Assert.Throws<NotSupportedException>(() => BinMapper.ForCategorical(300, "too_many"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(255)]
    public void Binning_many_values_at_once_agrees_with_counting_the_bounds_below_each_value(int distinct)
    {
        var random = new Random(5);
        var sample = Enumerable.Range(0, 5_000).Select(_ => (double)random.Next(distinct * 2)).ToArray();
        var mapper = BinMapper.ForNumeric(sample, 255);
        // Values on, between and beyond the bounds, missing ones, and a length that is not a multiple of four.
        var values = Enumerable.Range(0, 1_001).Select(i => i % 17 == 0 ? double.NaN : random.Next(-2, distinct * 2 + 2) + (i % 3) * 0.5).ToArray();
        var bins = new byte[values.Length];
        mapper.ToBins(values, bins);
        for (int i = 0; i < values.Length; i++)
        {
            int expected = 0;
            if (!double.IsNaN(values[i]))
            {
                expected = 1;
                while (mapper.UpperBound(expected) < values[i]) expected++;
            }
            Assert.Equal(expected, bins[i]);
        }
    }
}
