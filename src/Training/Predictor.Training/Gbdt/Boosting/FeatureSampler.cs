using Predictor.Training.Statistics;

namespace Predictor.Training.Gbdt.Boosting;

/// <summary>Chooses the features a tree may split on (XGBoost colsample_bytree), seeded by the tree number.</summary>
public sealed class FeatureSampler
{
    private readonly int _features;
    private readonly double _fraction;
    private readonly ulong _seed;

    public FeatureSampler(int features, double fraction, ulong seed)
    {
        _features = features;
        _fraction = fraction;
        _seed = seed;
    }

    public bool[] Sample(int tree)
    {
        var active = new bool[_features];
        if (_fraction >= 1)
        {
            Array.Fill(active, true);
            return active;
        }
        int keep = Math.Max(1, (int)Math.Round(_features * _fraction, MidpointRounding.AwayFromZero));
        var order = Enumerable.Range(0, _features).ToArray();
        var random = new SplitMix64(SplitMix64.Derive(_seed, 0xFEA7_0000UL + (ulong)tree));
        for (int i = 0; i < keep; i++)
        {
            int j = i + random.NextInt(_features - i);
            (order[i], order[j]) = (order[j], order[i]);
            active[order[i]] = true;
        }
        return active;
    }
}
