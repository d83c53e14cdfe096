namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Walks a footer's Thrift compact encoding by its wire types alone (no Parquet meaning) and checks that every
/// string/binary length and every list, set or map size fits in the bytes that are left.
/// </summary>
/// <remarks>
/// Why (measured in the mutated-file test): Parquet.Net 6.1.0 allocates a binary field's buffer at its declared
/// length before reading it (<c>new byte[count]</c> in its ReadBytesExactly), so a 10 KB file whose footer claims a
/// 1.8 GB statistics value made the reader allocate 1.8 GB, and took 13 s and 2.4 GB of memory in a busy test
/// process before the read failed. A list size is checked the same way because the decoder sizes its list by it.
/// Lengths are checked here, before Parquet.Net decodes the footer; the walk reads nothing it does not check, so it
/// cannot loop or allocate on its own. Page headers are decoded by Parquet.Net straight from the file and are not
/// covered (see docs/benchmarks.md, mutated files).
/// </remarks>
internal static class FooterLengths
{
    /// <summary>Deeper nesting than any Parquet footer has (schema elements are a flat list); bounds the recursion.</summary>
    private const int MaxDepth = 64;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first length that does not fit.</summary>
    public static void Require(ReadOnlySpan<byte> footer)
    {
        int position = 0;
        SkipStruct(footer, ref position, 0);
    }

    private static void SkipStruct(ReadOnlySpan<byte> bytes, ref int position, int depth)
    {
        if (depth > MaxDepth) throw new InvalidDataException($"the footer nests structures more than {MaxDepth} deep");
        while (true)
        {
            byte header = ReadByte(bytes, ref position);
            if (header == 0) return; // field stop
            // The high nibble is the field id's delta; 0 means the id follows as a zigzag varint.
            if ((header >> 4) == 0) ReadVarint(bytes, ref position);
            SkipValue(bytes, ref position, header & 0x0F, depth, inList: false);
        }
    }

    private static void SkipValue(ReadOnlySpan<byte> bytes, ref int position, int type, int depth, bool inList)
    {
        switch (type)
        {
            case 1 or 2: // boolean: in a field header the value is the type itself; in a list it is one byte
                if (inList) ReadByte(bytes, ref position);
                break;
            case 3: // byte
                ReadByte(bytes, ref position);
                break;
            case 4 or 5 or 6: // i16, i32, i64 as varints
                ReadVarint(bytes, ref position);
                break;
            case 7: // double
                Advance(bytes, ref position, 8, "a double of length");
                break;
            case 8: // binary or string: varint length, then the bytes
                Advance(bytes, ref position, ReadLength(bytes, ref position, "a binary value of length"), "a binary value of length");
                break;
            case 9 or 10: // list or set: size in the high nibble (15 = varint follows), element type in the low one
                {
                    byte sizeAndType = ReadByte(bytes, ref position);
                    long size = (sizeAndType >> 4) == 15 ? ReadLength(bytes, ref position, "a list of size") : sizeAndType >> 4;
                    // Every element takes at least one byte, so a size beyond the bytes left is a lie.
                    RequireFits(bytes, position, size, "a list of size");
                    for (long i = 0; i < size; i++) SkipValue(bytes, ref position, sizeAndType & 0x0F, depth + 1, inList: true);
                    break;
                }
            case 11: // map: varint size, then one byte of key and value types when not empty
                {
                    long size = ReadLength(bytes, ref position, "a map of size");
                    RequireFits(bytes, position, size, "a map of size");
                    if (size == 0) break;
                    byte types = ReadByte(bytes, ref position);
                    for (long i = 0; i < size; i++)
                    {
                        SkipValue(bytes, ref position, types >> 4, depth + 1, inList: true);
                        SkipValue(bytes, ref position, types & 0x0F, depth + 1, inList: true);
                    }
                    break;
                }
            case 12: // struct
                SkipStruct(bytes, ref position, depth + 1);
                break;
            default:
                throw new InvalidDataException($"the footer has an unknown Thrift type {type} at byte {position}");
        }
    }

    private static long ReadLength(ReadOnlySpan<byte> bytes, ref int position, string what)
    {
        int at = position;
        ulong length = ReadVarint(bytes, ref position);
        if (length > int.MaxValue) throw new InvalidDataException($"the footer declares {what} {length} at byte {at}");
        return (long)length;
    }

    private static void RequireFits(ReadOnlySpan<byte> bytes, int position, long length, string what)
    {
        if (length > bytes.Length - position)
            throw new InvalidDataException($"the footer declares {what} {length} at byte {position}, but only {bytes.Length - position} bytes are left");
    }

    private static void Advance(ReadOnlySpan<byte> bytes, ref int position, long length, string what)
    {
        RequireFits(bytes, position, length, what);
        position += (int)length;
    }

    private static byte ReadByte(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (position >= bytes.Length) throw new InvalidDataException("the footer ends in the middle of a value");
        return bytes[position++];
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte(bytes, ref position);
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException($"the footer has a varint longer than 10 bytes at byte {position}");
    }
}
