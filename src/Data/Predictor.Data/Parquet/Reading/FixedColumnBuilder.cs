using System.Buffers;
using System.Runtime.InteropServices;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Reading;

/// <summary>Builds columns of a fixed-width physical type (BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE).</summary>
internal sealed class FixedColumnBuilder<T> : ColumnBuilder where T : unmanaged
{
    private static readonly int Width = typeof(T) == typeof(bool) ? 1 : Marshal.SizeOf<T>();
    private T[] _values = [];
    private T[]? _dictionary;

    public FixedColumnBuilder(ParquetColumn column, int rowCount, ParquetColumnData? recycled = null) : base(column, rowCount)
    {
        // Reusing an existing array allocates nothing, so it is safe whatever the footer claims.
        if (recycled is ParquetColumnData<T> previous) _values = previous.Values;
    }

    public override bool HasDictionary => _dictionary is not null;

    public override void SetDictionary(ReadOnlySpan<byte> data, int count)
    {
        if (typeof(T) == typeof(bool)) throw new EncodingException("BOOLEAN columns cannot be dictionary-encoded");
        if ((long)count * Width > data.Length) throw new EncodingException($"dictionary of {count} values needs {(long)count * Width} bytes but the page holds {data.Length}");
        _dictionary = MemoryMarshal.Cast<byte, T>(data[..(count * Width)]).ToArray();
    }

    public override void Append(ParquetEncoding encoding, ReadOnlySpan<byte> data, int count)
    {
        EnsureCapacity(Count + count);
        var target = _values.AsSpan(Count, count);
        switch (encoding)
        {
            case ParquetEncoding.Plain when typeof(T) == typeof(bool):
                UnpackBooleans(data, MemoryMarshal.Cast<T, bool>(target));
                break;
            case ParquetEncoding.Rle when typeof(T) == typeof(bool):
                DecodeRleBooleans(data, MemoryMarshal.Cast<T, bool>(target));
                break;
            case ParquetEncoding.Plain:
                if ((long)count * Width > data.Length) throw new EncodingException($"PLAIN page needs {(long)count * Width} bytes for {count} values but holds {data.Length}");
                MemoryMarshal.Cast<byte, T>(data[..(count * Width)]).CopyTo(target);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                AppendFromDictionary(data, target);
                break;
            case ParquetEncoding.DeltaBinaryPacked when typeof(T) == typeof(int) || typeof(T) == typeof(long):
                AppendDelta(data, target);
                break;
            case ParquetEncoding.ByteStreamSplit when typeof(T) != typeof(bool) && typeof(T) != typeof(Int96):
                ByteStreamSplit.Decode(data, Width, count, MemoryMarshal.AsBytes(target));
                break;
            default:
                throw new EncodingException($"encoding {encoding} is not valid for {Column.PhysicalType} values");
        }
        Count += count;
    }

    public override ParquetColumnData Build(bool[]? validity)
    {
        if (_values.Length != RowCount) Array.Resize(ref _values, RowCount);
        if (validity is not null)
        {
            // Spread from the end so each dense value moves to its row without a second array.
            int k = Count - 1;
            for (int row = RowCount - 1; row > k; row--)
            {
                if (validity[row]) _values[row] = _values[k--];
                else _values[row] = default;
            }
        }
        return new ParquetColumnData<T>(Column, _values, RowCount, validity);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _values.Length) Array.Resize(ref _values, Grow(_values.Length, needed));
    }

    private void AppendFromDictionary(ReadOnlySpan<byte> data, Span<T> target)
    {
        if (_dictionary is null) throw new EncodingException("dictionary-encoded page without a dictionary page");
        int[] indices = ArrayPool<int>.Shared.Rent(target.Length);
        try
        {
            var span = indices.AsSpan(0, target.Length);
            DecodeIndices(data, span, _dictionary.Length);
            var dictionary = _dictionary;
            for (int i = 0; i < span.Length; i++) target[i] = dictionary[span[i]];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static void AppendDelta(ReadOnlySpan<byte> data, Span<T> target)
    {
        if (typeof(T) == typeof(long))
        {
            DeltaBinaryPacked.Decode(data, MemoryMarshal.Cast<T, long>(target));
            return;
        }
        var wide = new long[target.Length];
        DeltaBinaryPacked.Decode(data, wide);
        var ints = MemoryMarshal.Cast<T, int>(target);
        for (int i = 0; i < wide.Length; i++) ints[i] = unchecked((int)wide[i]);
    }

    private static void UnpackBooleans(ReadOnlySpan<byte> data, Span<bool> target)
    {
        if ((target.Length + 7) / 8 > data.Length) throw new EncodingException($"PLAIN booleans need {(target.Length + 7) / 8} bytes but the page holds {data.Length}");
        for (int i = 0; i < target.Length; i++) target[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
    }

    private static void DecodeRleBooleans(ReadOnlySpan<byte> data, Span<bool> target)
    {
        var encoded = RleBitPackedHybrid.LengthPrefixed(data, out _);
        int[] bits = ArrayPool<int>.Shared.Rent(target.Length);
        try
        {
            RleBitPackedHybrid.Decode(encoded, 1, bits.AsSpan(0, target.Length));
            for (int i = 0; i < target.Length; i++) target[i] = bits[i] != 0;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(bits);
        }
    }
}
