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
}
