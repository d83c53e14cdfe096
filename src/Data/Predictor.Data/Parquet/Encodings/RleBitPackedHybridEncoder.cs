using System.Buffers.Binary;

namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Encodes integers with the RLE/bit-packed hybrid: repeated values (eight or more) become RLE runs,
/// everything else is bit-packed in groups of eight.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    /// <summary>Bit-packed runs are cut at this many groups so their header stays one byte, as parquet-mr does.</summary>
    private const int MaxGroupsPerRun = 63;

    public static void Encode(ReadOnlySpan<int> values, int bitWidth, PageBuffer output)
    {
        int i = 0;
        while (i < values.Length)
        {
            int run = RunLength(values, i, values.Length);
            if (run >= 8 || bitWidth == 0)
            {
                WriteRun(values[i], run, bitWidth, output);
                i += run;
                continue;
            }
            int end = BitPackedEnd(values, i);
            WriteBitPacked(values[i..end], bitWidth, output);
            i = end;
        }
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="value"/> as one RLE run.</summary>
    public static void WriteRun(int value, int count, int bitWidth, PageBuffer output)
    {
        output.WriteVarUInt((ulong)count << 1);
        int byteWidth = (bitWidth + 7) / 8;
        for (int b = 0; b < byteWidth; b++) output.WriteByte((byte)(value >> (8 * b)));
    }

    private static int RunLength(ReadOnlySpan<int> values, int start, int limit)
    {
        int end = start + 1;
        while (end < limit && values[end] == values[start]) end++;
        return end - start;
    }

    /// <summary>Where a bit-packed run starting at <paramref name="start"/> ends: at a group boundary where eight equal values begin.</summary>
    private static int BitPackedEnd(ReadOnlySpan<int> values, int start)
    {
        int end = start;
        int limit = Math.Min(values.Length, start + 8 * MaxGroupsPerRun);
        while (end < limit)
        {
            if (end > start && RunLength(values, end, Math.Min(values.Length, end + 8)) == 8) break;
            end = Math.Min(limit, end + 8);
        }
        return end;
    }

    /// <summary>Packs values little-endian at <paramref name="bitWidth"/> bits each, padding the last group of eight with zeros.</summary>
    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, PageBuffer output)
    {
        int groups = (values.Length + 7) / 8;
        output.WriteVarUInt(((ulong)groups << 1) | 1);
        var bytes = output.Reserve(groups * bitWidth);
        ulong pending = 0;
        int bits = 0;
        int at = 0;
        foreach (int v in values)
        {
            pending |= (ulong)(uint)v << bits;
            bits += bitWidth;
            // Flush four bytes at a time; at most 31 + 32 bits are ever pending.
            if (bits >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes[at..], (uint)pending);
                at += 4;
                pending >>= 32;
                bits -= 32;
            }
        }
        for (; bits > 0; bits -= 8)
        {
            bytes[at++] = (byte)pending;
            pending >>= 8;
        }
        bytes[at..].Clear();
    }
}
