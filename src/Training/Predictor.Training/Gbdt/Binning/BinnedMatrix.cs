using Predictor.Scoring.Trees;
using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Statistics;

namespace Predictor.Training.Gbdt.Binning;

/// <summary>
/// The training data as one byte per (feature, row), stored feature by feature: splitting a leaf and routing rows
/// through a tree read one feature of many rows. (Histograms are built from a row-major copy,
/// <see cref="Histograms.HistogramPositions"/>.) Bin 0 of every feature is the missing bin.
/// </summary>
public sealed class BinnedMatrix
{
    /// <summary>Rows used to choose numeric bin bounds (LightGBM uses the same 200,000-row sample by default).</summary>
    public const int BinningSampleRows = 200_000;

    private readonly byte[][] _columns;

    private BinnedMatrix(IReadOnlyList<BinMapper> mappers, byte[][] columns, int rows)
    {
        Mappers = mappers;
        _columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<BinMapper> Mappers { get; }

    public int RowCount { get; }

    public int FeatureCount => _columns.Length;

    public ReadOnlySpan<byte> Column(int feature) => _columns[feature];

    internal byte[] ColumnArray(int feature) => _columns[feature];

    /// <summary>Chooses bins from the training set (a seeded sample when it is large) and bins every row.</summary>
    public static BinnedMatrix Fit(TrainingSet data, int maxBins, ulong seed, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[]? sample = data.RowCount > BinningSampleRows ? SampleRows(data.RowCount, seed) : null;
        var mappers = new BinMapper[data.FeatureCount];
        BlockLoop.For(data.FeatureCount, PerFeature(data, parallel), f =>
        {
            var feature = data.Features[f];
            if (feature.Kind == FeatureKind.Categorical)
            {
                mappers[f] = BinMapper.ForCategorical(feature.Levels.Count, feature.Name);
                return;
            }
            if (sample is null)
            {
                mappers[f] = BinMapper.ForNumeric(feature.Values, maxBins);
                return;
            }
            var values = new double[sample.Length];
            for (int i = 0; i < sample.Length; i++) values[i] = feature.Values[sample[i]];
            mappers[f] = BinMapper.ForNumeric(values, maxBins);
        });
        return Apply(data, mappers, parallel);
    }

    /// <summary>Bins another data set (validation rows) with bins chosen on the training set.</summary>
    public static BinnedMatrix Apply(TrainingSet data, IReadOnlyList<BinMapper> mappers, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mappers);
        if (mappers.Count != data.FeatureCount) throw new ArgumentException("One bin mapper per feature is needed.", nameof(mappers));
        var columns = new byte[data.FeatureCount][];
        BlockLoop.For(data.FeatureCount, PerFeature(data, parallel), f =>
        {
            var values = data.Features[f].Values;
            var mapper = mappers[f];
            var bins = new byte[values.Length];
            mapper.ToBins(values, bins);
            columns[f] = bins;
        });
        return new BinnedMatrix(mappers, columns, data.RowCount);
    }

    /// <summary>Features one by one when the data fit in one block of rows: each feature's work is then microseconds.</summary>
    private static ParallelOptions PerFeature(TrainingSet data, ParallelOptions parallel) =>
        RowBlocks.For(data.RowCount).Count == 1 ? BlockLoop.Sequential : parallel;

    private static int[] SampleRows(int rows, ulong seed)
    {
        // Seeded partial Fisher-Yates, then sorted so the sample reads memory in order.
        var random = new SplitMix64(seed ^ 0xB1A5B1A5UL);
        var all = new int[rows];
        for (int i = 0; i < rows; i++) all[i] = i;
        for (int i = 0; i < BinningSampleRows; i++)
        {
            int j = i + random.NextInt(rows - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var sample = all.AsSpan(0, BinningSampleRows).ToArray();
        Array.Sort(sample);
        return sample;
    }
}
