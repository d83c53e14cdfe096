namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Encodes DELTA_BINARY_PACKED with blocks of 128 values in four miniblocks of 32: a header (block size, miniblocks,
/// count, first value), then per block the minimum delta and each miniblock's deltas above it, bit-packed at the
/// narrowest width. Deltas wrap in the column's own width (32 or 64 bits), as readers of INT32 columns expect.
/// </summary>
internal static class DeltaBinaryPackedEncoder
{
    private const int BlockSize = 128;
    private const int Miniblocks = 4;
    private const int MiniblockSize = BlockSize / Miniblocks;

    /// <summary>Appends the encoding of <paramref name="values"/>, which are INT32 values when <paramref name="valueBits"/> is 32, else INT64.</summary>
    public static void Encode(ReadOnlySpan<long> values, int valueBits, PageBuffer output)
    {
        output.WriteVarUInt(BlockSize);
        output.WriteVarUInt(Miniblocks);
        output.WriteVarUInt((ulong)values.Length);
        output.WriteVarUInt(ZigZag(values.IsEmpty ? 0 : values[0]));
        Span<long> deltas = stackalloc long[BlockSize];
        for (int start = 1; start < values.Length; start += BlockSize)
        {
            int count = Math.Min(BlockSize, values.Length - start);
            long minDelta = long.MaxValue;
            for (int i = 0; i < count; i++)
            {
                deltas[i] = Wrap(values[start + i] - values[start + i - 1], valueBits);
                minDelta = Math.Min(minDelta, deltas[i]);
            }
            output.WriteVarUInt(ZigZag(minDelta));
            // Widths precede the miniblocks; they are known only per miniblock, so reserve them and fill them in.
            int widthsAt = output.Length;
            output.Reserve(Miniblocks).Clear();
            for (int m = 0; m * MiniblockSize < count; m++)
            {
                var block = deltas.Slice(m * MiniblockSize, Math.Min(MiniblockSize, count - m * MiniblockSize));
                ulong widest = 0;
                foreach (long d in block) widest |= Above(d, minDelta, valueBits);
                int width = 64 - System.Numerics.BitOperations.LeadingZeroCount(widest);
                output.Patch(widthsAt + m, 1)[0] = (byte)width;
                PackMiniblock(block, minDelta, valueBits, width, output);
            }
        }
    }

    private static long Wrap(long delta, int valueBits) => valueBits == 32 ? (int)delta : delta;

    /// <summary>A delta's distance above the block minimum, as an unsigned number of the column's width.</summary>
    private static ulong Above(long delta, long minDelta, int valueBits) =>
        valueBits == 32 ? (uint)(delta - minDelta) : (ulong)(delta - minDelta);

    /// <summary>Packs one miniblock of 32 values (padding with zeros) LSB first at <paramref name="width"/> bits.</summary>
    private static void PackMiniblock(ReadOnlySpan<long> deltas, long minDelta, int valueBits, int width, PageBuffer output)
    {
        var bytes = output.Reserve(MiniblockSize * width / 8);
        bytes.Clear();
        if (width == 0) return;
        int bit = 0;
        for (int i = 0; i < deltas.Length; i++, bit += width)
        {
            ulong v = Above(deltas[i], minDelta, valueBits);
            for (int written = 0; written < width;)
            {
                int at = (bit + written) >> 3, shift = (bit + written) & 7;
                int take = Math.Min(8 - shift, width - written);
                bytes[at] |= (byte)(((v >> written) & ((1UL << take) - 1)) << shift);
                written += take;
            }
        }
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
}
