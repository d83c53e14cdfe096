using System.Buffers;
using System.Buffers.Binary;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Reading;

/// <summary>Builds BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns into one byte buffer plus per-value lengths.</summary>
internal sealed class BinaryColumnBuilder : ColumnBuilder
{
    private readonly int _fixedLength;
    private byte[] _data = [];
    private int _dataLength;
    private int[] _lengths = [];
    private byte[]? _dictionaryData;
    private int[]? _dictionaryOffsets;

    public BinaryColumnBuilder(ParquetColumn column, int rowCount) : base(column, rowCount)
    {
        _fixedLength = column.PhysicalType == PhysicalType.FixedLenByteArray ? column.TypeLength : 0;
    }

    public override bool HasDictionary => _dictionaryData is not null;

    public override void SetDictionary(ReadOnlySpan<byte> data, int count)
    {
        long minimum = (long)count * (_fixedLength == 0 ? 4 : _fixedLength);
        if (minimum > data.Length)
            throw new EncodingException($"dictionary of {count} values cannot fit in {data.Length} bytes");
        var offsets = new int[count + 1];
        var bytes = new ArrayBufferWriter<byte>(Math.Max(1, data.Length));
        int pos = 0;
        for (int i = 0; i < count; i++)
        {
            var value = ReadPlainValue(data, ref pos);
            bytes.Write(value);
            offsets[i + 1] = bytes.WrittenCount;
        }
        _dictionaryData = bytes.WrittenSpan.ToArray();
        _dictionaryOffsets = offsets;
    }

    public override void Append(ParquetEncoding encoding, ReadOnlySpan<byte> data, int count)
    {
        EnsureLengthCapacity(Count + count);
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                {
                    int pos = 0;
                    for (int i = 0; i < count; i++) AppendValue(ReadPlainValue(data, ref pos));
                    break;
                }
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                AppendFromDictionary(data, count);
                break;
            case ParquetEncoding.DeltaLengthByteArray when _fixedLength == 0:
                DeltaByteArrays.DecodeDeltaLength(data, count, new Sink(this));
                break;
            case ParquetEncoding.DeltaByteArray:
                DeltaByteArrays.DecodeDeltaByteArray(data, count, new Sink(this));
                break;
            case ParquetEncoding.ByteStreamSplit when _fixedLength > 0:
                {
                    var plain = new byte[(long)count * _fixedLength];
                    ByteStreamSplit.Decode(data, _fixedLength, count, plain);
                    for (int i = 0; i < count; i++) AppendValue(plain.AsSpan(i * _fixedLength, _fixedLength));
                    break;
                }
            default:
                throw new EncodingException($"encoding {encoding} is not valid for {Column.PhysicalType} values");
        }
    }

    public override ParquetColumnData Build(bool[]? validity)
    {
        var offsets = new int[RowCount + 1];
        int k = 0;
        int offset = 0;
        for (int row = 0; row < RowCount; row++)
        {
            if (validity is null || validity[row]) offset += _lengths[k++];
            offsets[row + 1] = offset;
        }
        var data = _data.Length == _dataLength ? _data : _data.AsSpan(0, _dataLength).ToArray();
        return new ParquetBinaryColumnData(Column, data, offsets, validity);
    }

    private ReadOnlySpan<byte> ReadPlainValue(ReadOnlySpan<byte> data, ref int pos)
    {
        int length = _fixedLength;
        if (length == 0)
        {
            if (data.Length - pos < 4) throw new EncodingException("PLAIN byte array length is truncated");
            length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
            pos += 4;
        }
        if (length < 0 || length > data.Length - pos)
            throw new EncodingException($"PLAIN byte array of {length} bytes exceeds the {data.Length - pos} bytes that remain");
        var value = data.Slice(pos, length);
        pos += length;
        return value;
    }

    private void AppendFromDictionary(ReadOnlySpan<byte> data, int count)
    {
        if (_dictionaryData is null || _dictionaryOffsets is null) throw new EncodingException("dictionary-encoded page without a dictionary page");
        int[] indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var span = indices.AsSpan(0, count);
            DecodeIndices(data, span, _dictionaryOffsets.Length - 1);
            foreach (int index in span)
            {
                int start = _dictionaryOffsets[index];
                AppendValue(_dictionaryData.AsSpan(start, _dictionaryOffsets[index + 1] - start));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private void AppendValue(ReadOnlySpan<byte> value)
    {
        if (value.Length > _data.Length - _dataLength)
        {
            long needed = (long)_dataLength + value.Length;
            if (needed > Array.MaxLength) throw new EncodingException($"column '{Column.Name}' holds more than {Array.MaxLength} bytes in one row group");
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(4096L, 2L * _data.Length))));
        }
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _lengths[Count++] = value.Length;
    }

    private void EnsureLengthCapacity(int needed)
    {
        if (needed > _lengths.Length) Array.Resize(ref _lengths, Grow(_lengths.Length, needed));
    }

    private sealed class Sink(BinaryColumnBuilder owner) : BinarySink
    {
        public override void Append(ReadOnlySpan<byte> value) => owner.AppendValue(value);
    }
}
