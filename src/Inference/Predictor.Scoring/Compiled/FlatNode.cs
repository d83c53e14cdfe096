using System.Runtime.InteropServices;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// One node in the compiled layout (32 bytes, two per cache line): a split, or a leaf. Leaves are nodes whose
/// children both point back at themselves and whose <see cref="Value"/> is the leaf value, so a walk can take a fixed
/// number of steps: once a row reaches a leaf, further steps leave it there. Children are indices into the
/// ensemble-wide node array.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FlatNode
{
    public const int DefaultLeftFlag = 1;
    public const int CategoricalFlag = 2;
    public const int FeatureShift = 2;

    public readonly int Feature => Split >> FeatureShift;

    public readonly int Flags => Split & (DefaultLeftFlag | CategoricalFlag);

    /// <summary>Split nodes: the numeric threshold (value &lt;= threshold goes left). Leaves: the leaf value.</summary>
    public double Value;

    /// <summary>
    /// <c>feature &lt;&lt; 2</c> | <see cref="CategoricalFlag"/> | <see cref="DefaultLeftFlag"/> (bit 0, so it reads as
    /// 0/1): one load gives a walk both the feature and how to split on it.
    /// </summary>
    public int Split;

    /// <summary>Left child; <see cref="Right"/> follows it in memory, so a walk picks a child by offset 0 or 1.</summary>
    public int Left;
    public int Right;

    /// <summary>Categorical nodes: first word of the node's bitset in the shared category pool.</summary>
    public int CategoryStart;

    /// <summary>Categorical nodes: codes in [0, limit) are looked up in the bitset; any other value takes the default side.</summary>
    public int CategoryLimit;
}
