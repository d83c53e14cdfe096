using Predictor.Training.Gbdt.Binning;

namespace Predictor.Training.Gbdt.Histograms;

/// <summary>Where each feature's bins start in a flat histogram (features have different bin counts).</summary>
public sealed class HistogramLayout
{
    private readonly int[] _offsets;
    private readonly int[] _binCounts;

    public HistogramLayout(IReadOnlyList<BinMapper> mappers)
    {
        ArgumentNullException.ThrowIfNull(mappers);
        _offsets = new int[mappers.Count];
        _binCounts = new int[mappers.Count];
        int total = 0;
        for (int f = 0; f < mappers.Count; f++)
        {
            _offsets[f] = total;
            _binCounts[f] = mappers[f].BinCount;
            total += mappers[f].BinCount;
        }
        TotalBins = total;
    }

    public int TotalBins { get; }

    public int FeatureCount => _offsets.Length;

    public int Offset(int feature) => _offsets[feature];

    public int BinCount(int feature) => _binCounts[feature];
}
