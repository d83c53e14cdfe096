using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt.Binning;
using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// Finds a leaf's best split over all active features. Features are visited in order and a later feature must beat
/// the best gain strictly, so ties always resolve to the lowest feature index: one of the rules that make training
/// deterministic. One finder serves one tree grower at a time: it reuses a candidate buffer between calls.
/// </summary>
public sealed class SplitFinder
{
    private readonly IReadOnlyList<BinMapper> _mappers;
    private readonly LeafObjective _objective;
    private readonly IReadOnlyList<int> _monotone;
    private readonly int _maxOneHotLevels;
    private readonly double _categoricalSmoothing;
    private readonly double _minGain;
    private readonly ThresholdCandidates _candidates = new();

    public SplitFinder(IReadOnlyList<BinMapper> mappers, LeafObjective objective, IReadOnlyList<int> monotone,
        int maxOneHotLevels, double categoricalSmoothing, double minGain)
    {
        _mappers = mappers ?? throw new ArgumentNullException(nameof(mappers));
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        _monotone = monotone ?? throw new ArgumentNullException(nameof(monotone));
        _maxOneHotLevels = maxOneHotLevels;
        _categoricalSmoothing = categoricalSmoothing;
        // A split must reduce the loss by more than rounding noise.
        _minGain = Math.Max(minGain, 1e-10);
    }

    public LeafObjective Objective => _objective;

    public SplitCandidate? FindBest(Histogram histogram, in SplitContext context, IReadOnlyList<bool> activeFeatures)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(activeFeatures);
        SplitCandidate? best = null;
        for (int f = 0; f < _mappers.Count; f++)
        {
            if (!activeFeatures[f] || (_mappers[f].ValueBinCount < 2 && histogram.Feature(f)[0].Count == 0)) continue;
            var bins = histogram.Feature(f);
            double floor = best?.Gain ?? _minGain;
            var candidate = _mappers[f].Kind == FeatureKind.Categorical
                ? CategoricalSplitFinder.Find(f, bins, context, _objective, _maxOneHotLevels, _categoricalSmoothing, floor)
                : NumericSplitFinder.Find(f, bins, context, _objective, _monotone[f], floor, _candidates);
            if (candidate is not null && candidate.Gain > floor) best = candidate;
        }
        return best;
    }
}
