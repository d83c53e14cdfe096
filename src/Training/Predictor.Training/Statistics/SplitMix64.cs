namespace Predictor.Training.Statistics;

/// <summary>
/// A tiny seeded generator (SplitMix64). Owned by the project rather than System.Random so that a seed gives the same
/// model on every .NET version.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, bound).</summary>
    public int NextInt(int bound) => (int)((NextUInt64() >> 33) * (ulong)bound >> 31);

    /// <summary>An independent stream for one purpose (a tree, a row block) derived from a seed.</summary>
    public static ulong Derive(ulong seed, ulong stream) => new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03UL)).NextUInt64();
}
