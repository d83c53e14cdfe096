using Predictor.Data.Parquet.Encodings;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// A column chunk in dictionary form: the PLAIN-encoded distinct values (the dictionary page's body) and, per
/// non-null value, its index into them.
/// </summary>
internal sealed class DictionaryEncoding(byte[] plain, int size, int[] indices)
{
    public byte[] Plain { get; } = plain;

    /// <summary>Number of distinct values.</summary>
    public int Size { get; } = size;

    public int[] Indices { get; } = indices;

    /// <summary>Bits per index in the data pages.</summary>
    public int BitWidth { get; } = RleBitPackedHybrid.BitWidth(Math.Max(0, size - 1));
}
