using System.Buffers.Binary;

namespace Predictor.Data.Parquet.Encodings;

/// <summary>A growable byte buffer the writer encodes pages into; reused across pages to avoid garbage.</summary>
internal sealed class PageBuffer
{
    private byte[] _buffer;

    public PageBuffer(int capacity = 4096)
    {
        _buffer = new byte[capacity];
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

    private void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
}
