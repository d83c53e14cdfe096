using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// Writes <see cref="ChunkCodec"/>'s form into a blob sized beforehand: little-endian, strings as
/// <see cref="BinaryWriter"/> writes them (7-bit encoded UTF-8 byte count, then the bytes), so chunks stored by
/// earlier workers, which used <see cref="BinaryWriter"/>, read the same.
/// </summary>
internal ref struct ChunkWriter(Span<byte> target)
{
    private readonly Span<byte> _target = target;
    private int _at;

    public readonly bool IsFull => _at == _target.Length;

    /// <summary>Bytes <see cref="String"/> takes for <paramref name="value"/>.</summary>
    public static int StringSize(string value)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        return LengthPrefixSize((uint)bytes) + bytes;
    }

    public void Byte(byte value) => _target[_at++] = value;

    public void Bytes(ReadOnlySpan<byte> values)
    {
        values.CopyTo(_target[_at..]);
        _at += values.Length;
    }

    public void Int(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_target[_at..], value);
        _at += sizeof(int);
    }

    public void Doubles(ReadOnlySpan<double> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            Bytes(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (double value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_target[_at..], value);
            _at += sizeof(double);
        }
    }

    /// <summary>Category codes, a byte each (missing, -1, as 255) when <paramref name="asBytes"/>, else int32.</summary>
    public void Codes(ReadOnlySpan<int> codes, bool asBytes)
    {
        if (asBytes)
        {
            var bytes = _target.Slice(_at, codes.Length);
            for (int i = 0; i < codes.Length; i++) bytes[i] = (byte)codes[i];
            _at += codes.Length;
            return;
        }
        foreach (int code in codes) Int(code);
    }

    public void String(string value)
    {
        int length = Encoding.UTF8.GetBytes(value, _target[(_at + LengthPrefixSize((uint)Encoding.UTF8.GetByteCount(value)))..]);
        uint rest = (uint)length;
        while (rest >= 0x80)
        {
            _target[_at++] = (byte)(rest | 0x80);
            rest >>= 7;
        }
        _target[_at++] = (byte)rest;
        _at += length;
    }

    private static int LengthPrefixSize(uint length)
    {
        int size = 1;
        while (length >= 0x80)
        {
            length >>= 7;
            size++;
        }
        return size;
    }
}

/// <summary>
/// Reads <see cref="ChunkCodec"/>'s form; every read checks that the bytes are there, so a truncated or foreign blob
/// ends in <see cref="InvalidDataException"/>, never a misread.
/// </summary>
internal ref struct ChunkReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private int _at;

    public readonly int Remaining => _source.Length - _at;

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > Remaining) throw Truncated();
        var bytes = _source.Slice(_at, count);
        _at += count;
        return bytes;
    }

    public byte Byte() => Bytes(1)[0];

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(sizeof(int)));

    public double[] Doubles(int count)
    {
        var bytes = Bytes(checked(count * sizeof(double)));
        var values = new double[count];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
        return values;
    }

    /// <summary>A string as <see cref="BinaryReader.ReadString"/> reads it (7-bit encoded byte count, UTF-8).</summary>
    public string String()
    {
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28) throw new InvalidDataException("the chunk input holds a string length of more than 5 bytes.");
            byte next = Byte();
            length |= (next & 0x7F) << shift;
            if (next < 0x80) break;
        }
        if (length < 0) throw new InvalidDataException("the chunk input holds a negative string length.");
        return Encoding.UTF8.GetString(Bytes(length));
    }

    private static InvalidDataException Truncated() => new("the chunk input is truncated.");
}
