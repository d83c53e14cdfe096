namespace Predictor.Data.Parquet.Codecs;

/// <summary>
/// Decodes one LZ4 block (the LZ4_RAW codec: no frame, no size prefix). Every literal and match is checked
/// against both buffers, so corrupt input fails with <see cref="CodecException"/> instead of reading out of bounds.
/// </summary>
internal static class Lz4RawDecoder
{
    public static void Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int s = 0;
        int d = 0;
        while (s < source.Length)
        {
            byte token = source[s++];
            int literals = token >> 4;
            if (literals == 15) literals += ReadLength(source, ref s);
            if (literals > source.Length - s || literals > destination.Length - d)
                throw new CodecException("LZ4 literal run overflows its buffers");
            source.Slice(s, literals).CopyTo(destination[d..]);
            s += literals;
            d += literals;
            if (s == source.Length) break; // the last sequence has literals only
            if (s + 2 > source.Length) throw new CodecException("LZ4 match offset is truncated");
            int offset = source[s] | (source[s + 1] << 8);
            s += 2;
            if (offset == 0 || offset > d) throw new CodecException($"LZ4 match offset {offset} points before the start of the output");
            int matchLength = token & 0x0F;
            if (matchLength == 15) matchLength += ReadLength(source, ref s);
            matchLength += 4;
            if (matchLength > destination.Length - d) throw new CodecException("LZ4 match overflows the declared size");
            // Matches may overlap their own output, so copy forward byte by byte when they do.
            if (offset >= matchLength)
            {
                destination.Slice(d - offset, matchLength).CopyTo(destination[d..]);
            }
            else
            {
                for (int i = 0; i < matchLength; i++) destination[d + i] = destination[d - offset + i];
            }
            d += matchLength;
        }
        if (d != destination.Length) throw new CodecException($"LZ4 data decompressed to {d} bytes, expected {destination.Length}");
    }

    private static int ReadLength(ReadOnlySpan<byte> source, ref int s)
    {
        int length = 0;
        byte b;
        do
        {
            if (s >= source.Length) throw new CodecException("LZ4 length is truncated");
            b = source[s++];
            length += b;
            if (length > int.MaxValue / 2) throw new CodecException("LZ4 length is absurd");
        }
        while (b == 255);
        return length;
    }
}
