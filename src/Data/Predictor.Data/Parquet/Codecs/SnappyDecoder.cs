using System.Buffers.Binary;

namespace Predictor.Data.Parquet.Codecs;

/// <summary>
/// Decodes raw Snappy (the Parquet SNAPPY codec) straight into the caller's buffer, so pages need no
/// intermediate allocation. Every literal and copy is bounds-checked against both buffers.
/// </summary>
internal static class SnappyDecoder
{
    public static void Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int s = 0;
        ulong declared = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (s >= source.Length || shift > 28) throw new CodecException("snappy length header is corrupt");
            byte b = source[s++];
            declared |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (declared != (ulong)destination.Length)
            throw new CodecException($"snappy stream declares {declared} bytes, page header says {destination.Length}");
        int d = 0;
        while (s < source.Length)
        {
            byte tag = source[s++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    {
                        length = tag >> 2;
                        if (length >= 60)
                        {
                            int extra = length - 59;
                            if (s + extra > source.Length) throw new CodecException("snappy literal length is truncated");
                            length = 0;
                            for (int i = 0; i < extra; i++) length |= source[s + i] << (8 * i);
                            s += extra;
                            if (length < 0) throw new CodecException("snappy literal length is absurd");
                        }
                        length += 1;
                        if (length > source.Length - s || length > destination.Length - d) throw new CodecException("snappy literal overflows its buffers");
                        source.Slice(s, length).CopyTo(destination[d..]);
                        s += length;
                        d += length;
                        continue;
                    }
                case 1:
                    if (s >= source.Length) throw new CodecException("snappy copy is truncated");
                    length = ((tag >> 2) & 7) + 4;
                    offset = ((tag >> 5) << 8) | source[s++];
                    break;
                case 2:
                    if (s + 2 > source.Length) throw new CodecException("snappy copy is truncated");
                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(source[s..]);
                    s += 2;
                    break;
                default:
                    if (s + 4 > source.Length) throw new CodecException("snappy copy is truncated");
                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadInt32LittleEndian(source[s..]);
                    s += 4;
                    break;
            }
            if (offset <= 0 || offset > d) throw new CodecException($"snappy copy offset {offset} points before the start of the output");
            if (length > destination.Length - d) throw new CodecException("snappy copy overflows the declared size");
            if (offset >= length)
            {
                destination.Slice(d - offset, length).CopyTo(destination[d..]);
            }
            else
            {
                // Overlapping copy repeats the last `offset` bytes; copy forward byte by byte.
                for (int i = 0; i < length; i++) destination[d + i] = destination[d - offset + i];
            }
            d += length;
        }
        if (d != destination.Length) throw new CodecException($"snappy data decompressed to {d} bytes, expected {destination.Length}");
    }
}
