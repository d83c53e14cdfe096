using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt.Binning;
using Predictor.Training.Gbdt.Growing;
using Predictor.Training.Gbdt.Histograms;
using Predictor.Training.Tests.Support;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>
/// The parallel pieces of tree growing (block-wise histograms, block-wise partition) against plain sequential
/// references, on enough rows for several blocks, with one and two threads.
/// </summary>
public class ParallelBuildingTests
{
    private const int Rows = 70_000;

    private static readonly Lazy<BinnedMatrix> Matrix = new(() =>
        BinnedMatrix.Fit(SyntheticCohort.Generate(Rows, seed: 21), 255, 1, new ParallelOptions()));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_block_built_histogram_matches_summing_every_row_into_its_bins(int threads)
    {
        var matrix = Matrix.Value;
        var random = new Random(3);
        var gradients = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        var hessians = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() * 0.25).ToArray();
        // Every third row: still several blocks, and rows that are not consecutive.
        var rows = Enumerable.Range(0, Rows).Where(r => r % 3 != 1).ToArray();
        Assert.True(RowBlocks.For(rows.Length).Count > 1);

        var layout = new HistogramLayout(matrix.Mappers);
        var histogram = new Histogram(layout);
        new HistogramBuilder(matrix, layout, new ParallelOptions { MaxDegreeOfParallelism = threads })
            .Build(rows, gradients, hessians, histogram);

        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            var expected = new (double G, double H, int N)[layout.BinCount(f)];
            foreach (int row in rows)
            {
                int bin = matrix.Column(f)[row];
                expected[bin] = (expected[bin].G + gradients[row], expected[bin].H + hessians[row], expected[bin].N + 1);
            }
            var bins = histogram.Feature(f);
            for (int b = 0; b < bins.Length; b++)
            {
                Assert.Equal(expected[b].N, bins[b].Count);
                Assert.Equal(expected[b].G, bins[b].Gradient, 1e-9);
                Assert.Equal(expected[b].H, bins[b].Hessian, 1e-9);
            }
        }
    }

    [Fact]
    public void Histograms_are_identical_bit_for_bit_with_one_or_two_threads()
    {
        var matrix = Matrix.Value;
        var random = new Random(4);
        var gradients = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        var hessians = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() * 0.25).ToArray();
        var rows = Enumerable.Range(0, Rows).ToArray();
        var layout = new HistogramLayout(matrix.Mappers);
        var one = new Histogram(layout);
        var two = new Histogram(layout);
        new HistogramBuilder(matrix, layout, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Build(rows, gradients, hessians, one);
        new HistogramBuilder(matrix, layout, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Build(rows, gradients, hessians, two);
        for (int f = 0; f < matrix.FeatureCount; f++)
            Assert.True(one.Feature(f).SequenceEqual(two.Feature(f)), $"feature {f} differs");
    }

    [Fact]
    public void Data_too_wide_for_16_bit_positions_build_the_same_histogram_as_summing_every_row()
    {
        // 260 features of 256 bins: 66,560 bins, past what a 16-bit position can address.
        const int features = 260, rows = 17_000;
        var random = new Random(8);
        var columns = Enumerable.Range(0, features)
            .Select(f => new FeatureColumn($"x{f}", Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray()))
            .ToList();
        var matrix = BinnedMatrix.Fit(new TrainingSet(columns, new double[rows]), 255, 1, new ParallelOptions());
        var layout = new HistogramLayout(matrix.Mappers);
        Assert.True(layout.TotalBins > ushort.MaxValue + 1);
        var gradients = Enumerable.Range(0, rows).Select(_ => random.NextDouble() - 0.5).ToArray();
        var hessians = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 0.25).ToArray();
        var histogram = new Histogram(layout);
        new HistogramBuilder(matrix, layout, new ParallelOptions { MaxDegreeOfParallelism = 2 })
            .Build(Enumerable.Range(0, rows).ToArray(), gradients, hessians, histogram);

        foreach (int f in new[] { 0, 130, features - 1 })
        {
            var bins = histogram.Feature(f);
            for (int b = 0; b < bins.Length; b++)
            {
                var inBin = Enumerable.Range(0, rows).Where(r => matrix.Column(f)[r] == b).ToList();
                Assert.Equal(inBin.Count, bins[b].Count);
                Assert.Equal(inBin.Sum(r => gradients[r]), bins[b].Gradient, 1e-9);
                Assert.Equal(inBin.Sum(r => hessians[r]), bins[b].Hessian, 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_block_wise_split_is_the_stable_partition_of_the_leaf(int threads)
    {
        var matrix = Matrix.Value;
        var partition = new RowPartition(Rows, new ParallelOptions { MaxDegreeOfParallelism = threads });
        var rows = Enumerable.Range(0, Rows).Where(r => r % 5 != 0).ToArray();
        partition.Reset(rows);
        var bins = matrix.Column(0).ToArray();
        var goesLeft = Enumerable.Range(0, matrix.Mappers[0].BinCount).Select(b => b % 3 == 0 || b > 150).ToArray();

        int right = partition.Split(0, bins, goesLeft);
        var nextBins = matrix.Column(1).ToArray();
        int grandchild = partition.Split(right, nextBins, Enumerable.Range(0, matrix.Mappers[1].BinCount).Select(b => b < 100).ToArray());

        var expectedRight = rows.Where(r => !goesLeft[bins[r]]).ToArray();
        Assert.Equal(rows.Where(r => goesLeft[bins[r]]), partition.Rows(0).ToArray());
        Assert.Equal(expectedRight.Where(r => nextBins[r] < 100), partition.Rows(right).ToArray());
        Assert.Equal(expectedRight.Where(r => nextBins[r] >= 100), partition.Rows(grandchild).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16_383)]
    [InlineData(32_768)]
    [InlineData(1_000_003)]
    public void Row_blocks_cover_every_row_once_in_order(int rows)
    {
        var blocks = RowBlocks.For(rows);
        Assert.InRange(blocks.Count, 1, RowBlocks.MaxCount);
        int next = 0;
        for (int b = 0; b < blocks.Count; b++)
        {
            Assert.Equal(next, blocks.Begin(b));
            Assert.True(blocks.Length(b) > 0 || rows == 0);
            next += blocks.Length(b);
        }
        Assert.Equal(rows, next);
    }
}
