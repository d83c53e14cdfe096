using System.Runtime.InteropServices;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// One split in the compiled layout (32 bytes, two per cache line). Children are indices into the ensemble-wide node
/// array, or <c>~leaf</c> into the ensemble-wide leaf array.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FlatNode
{
    public const int DefaultLeftFlag = 1;
    public const int CategoricalFlag = 2;

    public double Threshold;
    public int Feature;
    public int Left;
    public int Right;
    public int Flags;

    /// <summary>Categorical nodes: first word of the node's bitset in the shared category pool.</summary>
    public int CategoryStart;

    /// <summary>Categorical nodes: codes in [0, limit) are looked up in the bitset; any other value takes the default side.</summary>
    public int CategoryLimit;
}
