using System.Buffers.Binary;

namespace Predictor.Data.Parquet.Encodings;

/// <summary>Unpacks little-endian, LSB-first bit-packed integers, the layout shared by RLE/bit-packed hybrid and delta encodings.</summary>
internal static class BitUnpacker
{
    /// <summary>Unpacks <paramref name="output"/>.Length values of <paramref name="bitWidth"/> bits (at most 32) starting at bit 0 of <paramref name="data"/>.</summary>
    public static void Unpack32(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }
        long needed = ((long)output.Length * bitWidth + 7) / 8;
        if (needed > data.Length) throw new EncodingException($"bit-packed run needs {needed} bytes but {data.Length} remain");
        ulong mask = (1UL << bitWidth) - 1;
        long bit = 0;
        for (int i = 0; i < output.Length; i++, bit += bitWidth)
        {
            int at = (int)(bit >> 3);
            output[i] = (int)((ReadWindow(data, at) >> (int)(bit & 7)) & mask);
        }
    }

    /// <summary>Unpacks values of up to 64 bits (delta encodings).</summary>
    public static void Unpack64(ReadOnlySpan<byte> data, int bitWidth, Span<long> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }
        long needed = ((long)output.Length * bitWidth + 7) / 8;
        if (needed > data.Length) throw new EncodingException($"bit-packed miniblock needs {needed} bytes but {data.Length} remain");
        ulong mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        long bit = 0;
        for (int i = 0; i < output.Length; i++, bit += bitWidth)
        {
            int at = (int)(bit >> 3);
            int shift = (int)(bit & 7);
            ulong v = ReadWindow(data, at) >> shift;
            if (shift + bitWidth > 64)
            {
                // The value straddles the 8-byte window; fetch the high bits from the ninth byte.
                v |= (ulong)data[at + 8] << (64 - shift);
            }
            output[i] = (long)(v & mask);
        }
    }

    /// <summary>Reads up to 8 bytes little-endian, zero-filling past the end of the span.</summary>
    private static ulong ReadWindow(ReadOnlySpan<byte> data, int at)
    {
        if (at + 8 <= data.Length) return BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at, 8));
        ulong v = 0;
        for (int i = 0; at + i < data.Length && i < 8; i++) v |= (ulong)data[at + i] << (8 * i);
        return v;
    }
}
