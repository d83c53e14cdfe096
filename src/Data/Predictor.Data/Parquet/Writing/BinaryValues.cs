using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>Non-null values of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column, as slices of the column's byte buffer.</summary>
internal sealed class BinaryValues : ColumnValues
{
    private readonly byte[] _data;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly bool _fixed;
    private readonly long _totalBytes;

    public BinaryValues(ParquetBinaryColumnData column)
    {
        _data = column.Data;
        _fixed = column.Column.PhysicalType == PhysicalType.FixedLenByteArray;
        int n = column.RowCount - column.NullCount;
        _starts = new int[n];
        _lengths = new int[n];
        int k = 0;
        var offsets = column.Offsets;
        for (int row = 0; row < column.RowCount; row++)
        {
            if (column.IsNull(row)) continue;
            _starts[k] = offsets[row];
            _lengths[k] = offsets[row + 1] - offsets[row];
            if (_fixed && _lengths[k] != column.Column.TypeLength)
                throw new ArgumentException($"Column '{column.Column.Name}' row {row} has {_lengths[k]} bytes; FIXED_LEN_BYTE_ARRAY({column.Column.TypeLength}) needs exactly that many.");
            _totalBytes += _lengths[k];
            k++;
        }
    }

    public override int Count => _starts.Length;

    public override long PlainSize => _totalBytes + (_fixed ? 0 : 4L * Count);

    private ReadOnlySpan<byte> Value(int i) => _data.AsSpan(_starts[i], _lengths[i]);

    public override void WritePlain(int start, int count, PageBuffer output)
    {
        long size = _fixed ? 0 : 4L * count;
        for (int i = start; i < start + count; i++) size += _lengths[i];
        // One reservation for the whole range instead of a capacity check per value.
        var target = output.Reserve(checked((int)size));
        int at = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!_fixed)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(target[at..], _lengths[i]);
                at += 4;
            }
            Value(i).CopyTo(target[at..]);
            at += _lengths[i];
        }
    }

    public override ParquetEncoding? DeltaEncoding => _fixed ? null : ParquetEncoding.DeltaLengthByteArray;

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: every length (DELTA_BINARY_PACKED), then every value's bytes back to back.</summary>
    public override void WriteDelta(int start, int count, PageBuffer output)
    {
        if (_fixed) base.WriteDelta(start, count, output);
        var lengths = System.Buffers.ArrayPool<long>.Shared.Rent(count);
        for (int i = 0; i < count; i++) lengths[i] = _lengths[start + i];
        DeltaBinaryPackedEncoder.Encode(lengths.AsSpan(0, count), 32, output);
        System.Buffers.ArrayPool<long>.Shared.Return(lengths);
        for (int i = start; i < start + count; i++) output.Write(Value(i));
    }

    public override DictionaryEncoding? TryBuildDictionary()
    {
        var map = new Dictionary<int, int>(new ValueComparer(this));
        var distinct = new List<int>();
        var indices = new int[Count];
        long bytes = 0;
        for (int i = 0; i < Count; i++)
        {
            if (!map.TryGetValue(i, out int index))
            {
                index = distinct.Count;
                map.Add(i, index);
                distinct.Add(i);
                bytes += _lengths[i] + (_fixed ? 0 : 4);
            }
            indices[i] = index;
            if ((i + 1 == SampleSize || index + 1 == distinct.Count) && GiveUp(i + 1, distinct.Count, bytes)) return null;
        }
        if (!DictionaryPays(distinct.Count, bytes)) return null;
        using var plain = new PageBuffer((int)Math.Max(16, bytes));
        foreach (int i in distinct)
        {
            if (!_fixed) plain.WriteInt32(_lengths[i]);
            plain.Write(Value(i));
        }
        return new DictionaryEncoding(plain.WrittenSpan.ToArray(), distinct.Count, indices);
    }

    /// <summary>Unsigned lexicographic order, which is the order Parquet defines for UTF-8 strings and binary.</summary>
    public override (byte[]? Min, byte[]? Max) MinMax()
    {
        if (Count == 0) return (null, null);
        int min = 0, max = 0;
        for (int i = 1; i < Count; i++)
        {
            if (Value(i).SequenceCompareTo(Value(min)) < 0) min = i;
            if (Value(i).SequenceCompareTo(Value(max)) > 0) max = i;
        }
        return (Value(min).ToArray(), Value(max).ToArray());
    }

    /// <summary>Compares value positions by their bytes, so the dictionary hashes slices without copying them.</summary>
    private sealed class ValueComparer(BinaryValues owner) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => owner.Value(x).SequenceEqual(owner.Value(y));

        public int GetHashCode(int obj)
        {
            var hash = new HashCode();
            hash.AddBytes(owner.Value(obj));
            return hash.ToHashCode();
        }
    }

}
