namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Decodes DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first value), then
/// blocks of a minimum delta and bit-packed miniblocks. Arithmetic wraps as the specification requires.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Reads the value count from the header without decoding.</summary>
    public static int PeekCount(ReadOnlySpan<byte> data)
    {
        int pos = 0;
        RleBitPackedHybrid.ReadVarUInt(data, ref pos);
        RleBitPackedHybrid.ReadVarUInt(data, ref pos);
        ulong total = RleBitPackedHybrid.ReadVarUInt(data, ref pos);
        if (total > int.MaxValue) throw new EncodingException($"delta header declares {total} values");
        return (int)total;
    }

    /// <summary>Decodes exactly <paramref name="output"/>.Length values; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> output)
    {
        int pos = 0;
        ulong blockSize = RleBitPackedHybrid.ReadVarUInt(data, ref pos);
        ulong miniblocks = RleBitPackedHybrid.ReadVarUInt(data, ref pos);
        ulong total = RleBitPackedHybrid.ReadVarUInt(data, ref pos);
        long first = ZigZag(RleBitPackedHybrid.ReadVarUInt(data, ref pos));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20)
            throw new EncodingException($"delta block size {blockSize} is not a positive multiple of 128");
        if (miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
            throw new EncodingException($"delta block of {blockSize} values cannot hold {miniblocks} miniblocks");
        if (total != (ulong)output.Length)
            throw new EncodingException($"delta header declares {total} values; the page holds {output.Length}");
        if (output.Length == 0) return pos;
        int perMiniblock = (int)(blockSize / miniblocks);
        int miniblockCount = (int)miniblocks;
        output[0] = first;
        int filled = 1;
        long previous = first;
        long[] deltaBuffer = new long[perMiniblock];
        while (filled < output.Length)
        {
            long minDelta = ZigZag(RleBitPackedHybrid.ReadVarUInt(data, ref pos));
            if (pos + miniblockCount > data.Length) throw new EncodingException("delta miniblock bit widths are truncated");
            var widths = data.Slice(pos, miniblockCount);
            pos += miniblockCount;
            for (int m = 0; m < miniblockCount && filled < output.Length; m++)
            {
                int width = widths[m];
                if (width > 64) throw new EncodingException($"delta miniblock bit width {width} exceeds 64");
                int take = Math.Min(perMiniblock, output.Length - filled);
                BitUnpacker.Unpack64(data[pos..], width, deltaBuffer.AsSpan(0, take));
                for (int k = 0; k < take; k++)
                {
                    previous = unchecked(previous + minDelta + deltaBuffer[k]);
                    output[filled++] = previous;
                }
                // Miniblocks are padded to full size, except where the data ends with the last value.
                pos = (int)Math.Min(data.Length, pos + (long)perMiniblock * width / 8);
            }
        }
        return pos;
    }

    private static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
