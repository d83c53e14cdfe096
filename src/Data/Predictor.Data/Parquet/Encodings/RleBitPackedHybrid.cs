using System.Buffers.Binary;

namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Decodes the RLE/bit-packed hybrid encoding used for definition levels, dictionary indices and RLE booleans.
/// Runs are checked against the bytes present; a run that claims more values than requested is clipped,
/// since writers pad the last bit-packed group to eight values.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Decodes exactly <paramref name="output"/>.Length values; returns the number of bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32) throw new EncodingException($"bit width {bitWidth} is outside 0..32");
        int pos = 0;
        int filled = 0;
        int byteWidth = (bitWidth + 7) / 8;
        while (filled < output.Length)
        {
            if (pos >= data.Length) throw new EncodingException($"RLE/bit-packed data ended after {filled} of {output.Length} values");
            ulong header = ReadVarUInt(data, ref pos);
            if ((header & 1) == 0)
            {
                ulong runLength = header >> 1;
                if (runLength == 0) throw new EncodingException("RLE run of length zero");
                if (pos + byteWidth > data.Length) throw new EncodingException("RLE run value is truncated");
                int value = 0;
                for (int i = 0; i < byteWidth; i++) value |= data[pos + i] << (8 * i);
                pos += byteWidth;
                if (bitWidth < 32 && (uint)value >= 1u << bitWidth) throw new EncodingException($"RLE value {value} does not fit in {bitWidth} bits");
                int n = (int)Math.Min(runLength, (ulong)(output.Length - filled));
                output.Slice(filled, n).Fill(value);
                filled += n;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups == 0) throw new EncodingException("bit-packed run of zero groups");
                ulong values = groups * 8;
                long runBytes = (long)Math.Min(groups, int.MaxValue) * bitWidth;
                int n = (int)Math.Min(values, (ulong)(output.Length - filled));
                long usedBytes = ((long)n * bitWidth + 7) / 8;
                if (pos + usedBytes > data.Length) throw new EncodingException($"bit-packed run needs {usedBytes} bytes but {data.Length - pos} remain");
                BitUnpacker.Unpack32(data[pos..], bitWidth, output.Slice(filled, n));
                filled += n;
                // A final group may be cut short by the writer; never step past the end.
                pos = (int)Math.Min(data.Length, pos + runBytes);
            }
        }
        return pos;
    }

    /// <summary>Reads the 4-byte little-endian length prefix used by v1 definition levels and RLE booleans, and returns the encoded slice.</summary>
    public static ReadOnlySpan<byte> LengthPrefixed(ReadOnlySpan<byte> data, out int consumed)
    {
        if (data.Length < 4) throw new EncodingException("RLE length prefix is truncated");
        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4) throw new EncodingException($"RLE length {length} exceeds the {data.Length - 4} bytes that remain");
        consumed = 4 + length;
        return data.Slice(4, length);
    }

    public static ulong ReadVarUInt(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new EncodingException("varint is truncated");
            byte b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new EncodingException("varint longer than 64 bits");
    }

    /// <summary>Bits needed to store values up to <paramref name="maxValue"/>.</summary>
    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxValue);
}
