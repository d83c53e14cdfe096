using System.Buffers;
using System.Text;

namespace Predictor.Data.Parquet.Thrift;

/// <summary>Writes the Thrift compact protocol into a growing buffer. Callers track field ids per struct.</summary>
internal sealed class CompactWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        WriteByte(0);
        _lastFieldId = _lastFieldIds.Pop();
    }

    public void FieldHeader(short id, CompactType type)
    {
        int delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarUInt64(ZigZag(id));
        }
        _lastFieldId = id;
    }

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, CompactType.I32);
        WriteVarUInt64(ZigZag(value));
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, CompactType.I64);
        WriteVarUInt64(ZigZag(value));
    }

    public void FieldByte(short id, sbyte value)
    {
        FieldHeader(id, CompactType.Byte);
        WriteByte((byte)value);
    }

    public void FieldBool(short id, bool value) => FieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void FieldBinary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, CompactType.Binary);
        Binary(value);
    }

    public void FieldString(short id, string value) => FieldBinary(id, Encoding.UTF8.GetBytes(value));

    public void FieldStructBegin(short id)
    {
        FieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    public void FieldListBegin(short id, CompactType elementType, int count)
    {
        FieldHeader(id, CompactType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(CompactType elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (int)elementType));
            WriteVarUInt64((ulong)count);
        }
    }

    public void I32(int value) => WriteVarUInt64(ZigZag(value));

    public void Binary(ReadOnlySpan<byte> value)
    {
        WriteVarUInt64((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void String(string value) => Binary(Encoding.UTF8.GetBytes(value));

    private void WriteByte(byte b)
    {
        _buffer.GetSpan(1)[0] = b;
        _buffer.Advance(1);
    }

    private void WriteVarUInt64(ulong v)
    {
        var span = _buffer.GetSpan(10);
        int n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[n++] = (byte)v;
        _buffer.Advance(n);
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
}
