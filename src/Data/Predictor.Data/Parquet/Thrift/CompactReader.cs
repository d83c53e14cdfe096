using System.Buffers.Binary;
using System.Text;

namespace Predictor.Data.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a byte span. Every read is bounds-checked and every length is
/// checked against the bytes that remain, so a lying length fails fast instead of allocating.
/// Failures throw <see cref="ThriftException"/>, which callers turn into a <see cref="ParquetFormatException"/>
/// naming the file.
/// </summary>
internal ref struct CompactReader
{
    private const int MaxDepth = 64;
    private readonly ReadOnlySpan<byte> _data;
    private int _depth;

    public CompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
        _depth = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    /// <summary>
    /// Reads the next field header of the current struct. Returns false at the struct's stop byte.
    /// <paramref name="lastFieldId"/> carries the previous field id, which compact headers are relative to.
    /// </summary>
    public bool NextField(ref short lastFieldId, out CompactType type, out short fieldId)
    {
        byte header = ReadByte();
        type = (CompactType)(header & 0x0F);
        if (type == CompactType.Stop)
        {
            fieldId = 0;
            return false;
        }
        if (type > CompactType.Struct)
            throw new ThriftException($"unknown field type {(int)type} at byte {Position - 1}");
        int delta = header >> 4;
        fieldId = delta == 0 ? checked((short)ZigZag32(ReadVarUInt32())) : (short)(lastFieldId + delta);
        lastFieldId = fieldId;
        return true;
    }

    public void EnterStruct()
    {
        if (++_depth > MaxDepth) throw new ThriftException("structures nested deeper than " + MaxDepth);
    }

    public void LeaveStruct() => _depth--;

    public static bool ReadBoolField(CompactType type) => type switch
    {
        CompactType.BooleanTrue => true,
        CompactType.BooleanFalse => false,
        _ => throw new ThriftException($"expected a boolean field, found type {type}"),
    };

    public byte ReadByte()
    {
        if (Position >= _data.Length) throw new ThriftException("unexpected end of data");
        return _data[Position++];
    }

    public int ReadI32() => ZigZag32(ReadVarUInt32());

    public long ReadI64() => ZigZag64(ReadVarUInt64());

    public short ReadI16()
    {
        int v = ReadI32();
        if (v is < short.MinValue or > short.MaxValue) throw new ThriftException($"i16 value {v} out of range");
        return (short)v;
    }

    public double ReadDouble()
    {
        if (Remaining < 8) throw new ThriftException("unexpected end of data in a double");
        double v = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(Position, 8));
        Position += 8;
        return v;
    }

    public ReadOnlySpan<byte> ReadBinarySpan()
    {
        uint length = ReadVarUInt32();
        if (length > (uint)Remaining)
            throw new ThriftException($"binary length {length} exceeds the {Remaining} bytes that remain");
        var span = _data.Slice(Position, (int)length);
        Position += (int)length;
        return span;
    }

    public byte[] ReadBinary() => ReadBinarySpan().ToArray();

    public string ReadString()
    {
        try
        {
            return Utf8Strict.GetString(ReadBinarySpan());
        }
        catch (DecoderFallbackException e)
        {
            throw new ThriftException("a string is not valid UTF-8", e);
        }
    }

    /// <summary>Reads a list header; the element count is checked against the bytes that remain (each element takes at least one byte, except booleans in a packed form which still take one).</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        byte header = ReadByte();
        elementType = (CompactType)(header & 0x0F);
        uint size = (uint)(header >> 4);
        if (size == 15) size = ReadVarUInt32();
        if (size > (uint)Remaining)
            throw new ThriftException($"list of {size} elements exceeds the {Remaining} bytes that remain");
        return (int)size;
    }

    /// <summary>Skips a value of the given type, including nested structures (used for unknown fields and union members).</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                return;
            case CompactType.Byte:
                ReadByte();
                return;
            case CompactType.I16:
            case CompactType.I32:
                ReadVarUInt32();
                return;
            case CompactType.I64:
                ReadVarUInt64();
                return;
            case CompactType.Double:
                ReadDouble();
                return;
            case CompactType.Binary:
                ReadBinarySpan();
                return;
            case CompactType.List:
            case CompactType.Set:
                {
                    int n = ReadListHeader(out var elementType);
                    EnterStruct();
                    for (int i = 0; i < n; i++)
                    {
                        // Booleans inside lists take one byte each.
                        if (elementType is CompactType.BooleanTrue or CompactType.BooleanFalse) ReadByte();
                        else Skip(elementType);
                    }
                    LeaveStruct();
                    return;
                }
            case CompactType.Map:
                {
                    uint n = ReadVarUInt32();
                    if (n == 0) return;
                    if (n > (uint)Remaining) throw new ThriftException($"map of {n} entries exceeds the remaining bytes");
                    byte kv = ReadByte();
                    var keyType = (CompactType)(kv >> 4);
                    var valueType = (CompactType)(kv & 0x0F);
                    EnterStruct();
                    for (uint i = 0; i < n; i++)
                    {
                        SkipElement(keyType);
                        SkipElement(valueType);
                    }
                    LeaveStruct();
                    return;
                }
            case CompactType.Struct:
                {
                    EnterStruct();
                    short last = 0;
                    while (NextField(ref last, out var fieldType, out _)) Skip(fieldType);
                    LeaveStruct();
                    return;
                }
            default:
                throw new ThriftException($"cannot skip unknown type {(int)type}");
        }
    }

    private void SkipElement(CompactType type)
    {
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse) ReadByte();
        else Skip(type);
    }

    public uint ReadVarUInt32()
    {
        ulong v = ReadVarUInt64();
        if (v > uint.MaxValue) throw new ThriftException($"varint {v} exceeds 32 bits");
        return (uint)v;
    }

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ThriftException("varint longer than 10 bytes");
    }

    private static int ZigZag32(uint v) => (int)(v >> 1) ^ -(int)(v & 1);

    private static long ZigZag64(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static readonly UTF8Encoding Utf8Strict = new(false, true);
}

/// <summary>Malformed Thrift data; always caught and rethrown as a <see cref="ParquetFormatException"/> with the file name.</summary>
internal sealed class ThriftException : Exception
{
    public ThriftException(string message) : base(message) { }

    public ThriftException(string message, Exception inner) : base(message, inner) { }

    public ThriftException() { }
}
