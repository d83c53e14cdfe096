namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Encodes integers with the RLE/bit-packed hybrid: repeated values (eight or more) become RLE runs,
/// everything else is bit-packed in groups of eight.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, PageBuffer output)
    {
        int byteWidth = (bitWidth + 7) / 8;
        int i = 0;
        while (i < values.Length)
        {
            int run = 1;
            while (i + run < values.Length && values[i + run] == values[i]) run++;
            if (run >= 8 || bitWidth == 0)
            {
                output.WriteVarUInt((ulong)run << 1);
                int v = values[i];
                for (int b = 0; b < byteWidth; b++) output.WriteByte((byte)(v >> (8 * b)));
                i += run;
                continue;
            }
            // Bit-pack until a run of eight equal values starts (checked at group boundaries).
            int start = i;
            int end = i;
            while (end < values.Length)
            {
                int r = 1;
                while (end + r < values.Length && r < 8 && values[end + r] == values[end]) r++;
                if (r >= 8) break;
                end = Math.Min(values.Length, end + 8);
                if (end - start >= 8 * 63) break;
            }
            int count = end - start;
            int groups = (count + 7) / 8;
            output.WriteVarUInt(((ulong)groups << 1) | 1);
            WriteBitPacked(values.Slice(start, count), bitWidth, groups * 8, output);
            i = end;
        }
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, int paddedCount, PageBuffer output)
    {
        ulong acc = 0;
        int bits = 0;
        for (int k = 0; k < paddedCount; k++)
        {
            ulong v = k < values.Length ? (uint)values[k] : 0u;
            acc |= v << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                output.WriteByte((byte)acc);
                acc >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) output.WriteByte((byte)acc);
    }
}
