using System.Buffers;
using System.Buffers.Binary;

namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// A growable byte buffer the writer encodes pages and column chunks into. Its storage is rented from the shared
/// array pool, so the many page- and chunk-sized buffers of a file are reused rather than collected;
/// <see cref="Dispose"/> returns it.
/// </summary>
internal sealed class PageBuffer : IDisposable
{
    private byte[] _buffer;

    public PageBuffer(int capacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void WriteByte(byte value)
    {
        if (Length == _buffer.Length) Grow(1);
        _buffer[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - Length) Grow(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteInt32(int value)
    {
        if (4 > _buffer.Length - Length) Grow(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteVarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        if (count > _buffer.Length - Length) Grow(count);
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>Room for up to <paramref name="count"/> bytes without committing them; <see cref="Advance"/> commits what was used.</summary>
    public Span<byte> GetSpan(int count)
    {
        if (count > _buffer.Length - Length) Grow(count);
        return _buffer.AsSpan(Length, count);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - Length);
        Length += count;
    }

    /// <summary>Already-written bytes to overwrite in place (for length prefixes known only afterwards).</summary>
    public Span<byte> Patch(int offset, int count) => _buffer.AsSpan(0, Length).Slice(offset, count);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        Length = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Grow(int extra)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(2L * _buffer.Length, (long)Length + extra)));
        WrittenSpan.CopyTo(larger);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
