using Predictor.Training.Statistics;

namespace Predictor.Training.Gbdt.Boosting;

/// <summary>Draws each tree's rows (Bernoulli, like XGBoost's subsample) from a stream seeded by the tree number.</summary>
public sealed class RowSampler
{
    private readonly int _rows;
    private readonly double _fraction;
    private readonly ulong _seed;
    private readonly int[] _buffer;

    public RowSampler(int rows, double fraction, ulong seed)
    {
        _rows = rows;
        _fraction = fraction;
        _seed = seed;
        _buffer = new int[rows];
    }

    /// <summary>The ascending row indices tree <paramref name="tree"/> learns from (valid until the next call).</summary>
    public ReadOnlySpan<int> Sample(int tree)
    {
        var random = new SplitMix64(SplitMix64.Derive(_seed, 0x5A3D_0000UL + (ulong)tree));
        int count = 0;
        for (int row = 0; row < _rows; row++)
        {
            if (random.NextDouble() < _fraction) _buffer[count++] = row;
        }
        return _buffer.AsSpan(0, count);
    }
}
