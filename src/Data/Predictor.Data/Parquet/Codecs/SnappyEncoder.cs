using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Predictor.Data.Parquet.Codecs;

/// <summary>
/// Raw (unframed) Snappy compression, as Parquet pages use it: the algorithm of the reference and Go encoders
/// (64 KiB blocks, a hash table of 4-byte sequences, lookups spaced further apart the longer no match turns up).
/// Written here because the IronSnappy package compresses an order of magnitude slower than the C++ library,
/// which made compression the writer's largest cost.
/// </summary>
internal static class SnappyEncoder
{
    private const int BlockSize = 1 << 16;
    private const int MaxTableSize = 1 << 14;
    private const int InputMargin = 16 - 1;
    private const int MinBlockToCompress = 1 + 1 + InputMargin;
    private const byte TagLiteral = 0, TagCopy1 = 1, TagCopy2 = 2;

    /// <summary>An upper bound on the compressed size of <paramref name="length"/> bytes.</summary>
    public static int MaxCompressedLength(int length) => 32 + length + length / 6;

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="MaxCompressedLength"/> long); returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < MaxCompressedLength(source.Length)) throw new ArgumentException("Destination is too small for the worst case.", nameof(destination));
        int d = WriteVarUInt(destination, (uint)source.Length);
        Span<ushort> table = stackalloc ushort[MaxTableSize];
        for (int start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            d += block.Length < MinBlockToCompress
                ? EmitLiteral(destination[d..], block)
                : CompressBlock(block, destination[d..], table);
        }
        return d;
    }

    private static int CompressBlock(ReadOnlySpan<byte> src, Span<byte> dst, Span<ushort> tableStorage)
    {
        int tableSize = 1 << 8;
        while (tableSize < MaxTableSize && tableSize < src.Length) tableSize *= 2;
        var table = tableStorage[..tableSize];
        table.Clear();
        int shift = 32 - System.Numerics.BitOperations.Log2((uint)tableSize);
        int sLimit = src.Length - InputMargin;
        int nextEmit = 0;
        int d = 0;
        int s = 1;
        uint nextHash = Hash(Load32(src, s), shift);
        while (true)
        {
            // Look for a 4-byte match, stepping faster through incompressible stretches.
            int skip = 32;
            int nextS = s;
            int candidate;
            do
            {
                s = nextS;
                int step = skip >> 5;
                nextS = s + step;
                skip += step;
                if (nextS > sLimit) goto EmitRemainder;
                candidate = table[(int)nextHash];
                table[(int)nextHash] = (ushort)s;
                nextHash = Hash(Load32(src, nextS), shift);
            }
            while (Load32(src, s) != Load32(src, candidate));

            d += EmitLiteral(dst[d..], src[nextEmit..s]);
            // Emit copies while the bytes right after a copy match again.
            while (true)
            {
                int matchStart = s;
                s = MatchEnd(src, candidate + 4, s + 4);
                d += EmitCopy(dst[d..], matchStart - candidate, s - matchStart);
                nextEmit = s;
                if (s >= sLimit) goto EmitRemainder;
                ulong x = Load64(src, s - 1);
                table[(int)Hash((uint)x, shift)] = (ushort)(s - 1);
                uint currentHash = Hash((uint)(x >> 8), shift);
                candidate = table[(int)currentHash];
                table[(int)currentHash] = (ushort)s;
                if ((uint)(x >> 8) != Load32(src, candidate))
                {
                    nextHash = Hash((uint)(x >> 16), shift);
                    s++;
                    break;
                }
            }
        }
    EmitRemainder:
        if (nextEmit < src.Length) d += EmitLiteral(dst[d..], src[nextEmit..]);
        return d;
    }

    /// <summary>Extends a match eight bytes at a time; returns the first position after it.</summary>
    private static int MatchEnd(ReadOnlySpan<byte> src, int earlier, int s)
    {
        while (s <= src.Length - 8)
        {
            ulong difference = Load64(src, earlier) ^ Load64(src, s);
            if (difference != 0) return s + System.Numerics.BitOperations.TrailingZeroCount(difference) / 8;
            earlier += 8;
            s += 8;
        }
        while (s < src.Length && src[earlier] == src[s])
        {
            earlier++;
            s++;
        }
        return s;
    }

    private static int EmitLiteral(Span<byte> dst, ReadOnlySpan<byte> literal)
    {
        int n = literal.Length - 1;
        int i;
        if (n < 60)
        {
            dst[0] = (byte)((n << 2) | TagLiteral);
            i = 1;
        }
        else if (n < 1 << 8)
        {
            dst[0] = (60 << 2) | TagLiteral;
            dst[1] = (byte)n;
            i = 2;
        }
        else
        {
            dst[0] = (61 << 2) | TagLiteral;
            BinaryPrimitives.WriteUInt16LittleEndian(dst[1..], (ushort)n);
            i = 3;
        }
        literal.CopyTo(dst[i..]);
        return i + literal.Length;
    }

    private static int EmitCopy(Span<byte> dst, int offset, int length)
    {
        int i = 0;
        while (length >= 68)
        {
            i += EmitCopy2(dst[i..], offset, 64);
            length -= 64;
        }
        if (length > 64)
        {
            i += EmitCopy2(dst[i..], offset, 60);
            length -= 60;
        }
        if (length >= 12 || offset >= 2048) return i + EmitCopy2(dst[i..], offset, length);
        dst[i] = (byte)(((offset >> 8) << 5) | ((length - 4) << 2) | TagCopy1);
        dst[i + 1] = (byte)offset;
        return i + 2;
    }

    private static int EmitCopy2(Span<byte> dst, int offset, int length)
    {
        dst[0] = (byte)(((length - 1) << 2) | TagCopy2);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[1..], (ushort)offset);
        return 3;
    }

    private static int WriteVarUInt(Span<byte> dst, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            dst[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        dst[i++] = (byte)value;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint bytes, int shift) => (bytes * 0x1e35a7bdU) >> shift;

    // Unchecked loads: callers stay at least InputMargin bytes before the end of the block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ReadOnlySpan<byte> src, int at) =>
        Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(src), at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ReadOnlySpan<byte> src, int at) =>
        Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(src), at));
}
