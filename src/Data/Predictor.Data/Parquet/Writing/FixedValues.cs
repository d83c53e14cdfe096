using System.Runtime.InteropServices;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>Non-null values of a fixed-width column (BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE).</summary>
internal sealed class FixedValues<T> : ColumnValues where T : unmanaged
{
    private static readonly int Width = typeof(T) == typeof(bool) ? 1 : Marshal.SizeOf<T>();
    private readonly T[] _dense;
    private readonly int _count;

    public FixedValues(ParquetColumnData<T> data)
    {
        var validity = data.Validity;
        if (validity is null)
        {
            _dense = data.Values;
            _count = data.RowCount;
            return;
        }
        _dense = new T[data.RowCount];
        int k = 0;
        var values = data.Values;
        for (int i = 0; i < data.RowCount; i++)
        {
            if (validity[i]) _dense[k++] = values[i];
        }
        _count = k;
    }

    public override int Count => _count;

    public override long PlainSize => typeof(T) == typeof(bool) ? (_count + 7) / 8 : (long)_count * Width;

    public override void WritePlain(int start, int count, PageBuffer output)
    {
        var span = _dense.AsSpan(start, count);
        if (typeof(T) == typeof(bool))
        {
            var bools = MemoryMarshal.Cast<T, bool>(span);
            var bytes = output.Reserve((count + 7) / 8);
            bytes.Clear();
            for (int i = 0; i < bools.Length; i++)
            {
                if (bools[i]) bytes[i >> 3] |= (byte)(1 << (i & 7));
            }
            return;
        }
        output.Write(MemoryMarshal.AsBytes(span));
    }

    public override bool TryBuildDictionary(out byte[] dictionaryPlain, out int dictionarySize, out int[] indices)
    {
        dictionaryPlain = [];
        dictionarySize = 0;
        indices = [];
        if (Width == 4 && typeof(T) != typeof(bool)) return TryBuild<uint>(out dictionaryPlain, out dictionarySize, out indices);
        if (Width == 8) return TryBuild<ulong>(out dictionaryPlain, out dictionarySize, out indices);
        return false;
    }

    /// <summary>Hashes raw bit patterns, so -0.0 and 0.0 (and distinct NaNs) stay distinct as PLAIN would keep them.</summary>
    private bool TryBuild<TBits>(out byte[] dictionaryPlain, out int dictionarySize, out int[] indices) where TBits : unmanaged, IEquatable<TBits>
    {
        dictionaryPlain = [];
        dictionarySize = 0;
        indices = [];
        var bits = MemoryMarshal.Cast<T, TBits>(_dense.AsSpan(0, _count));
        int limit = DistinctLimit;
        var map = new BitsIndexMap(limit + 1);
        var result = new int[_count];
        for (int i = 0; i < bits.Length; i++)
        {
            ulong key = typeof(TBits) == typeof(uint) ? MemoryMarshal.Cast<TBits, uint>(bits.Slice(i, 1))[0] : MemoryMarshal.Cast<TBits, ulong>(bits.Slice(i, 1))[0];
            int index = map.GetOrAdd(key);
            if (index >= limit) return false;
            result[i] = index;
        }
        int distinct = map.Distinct.Count;
        if (!DictionaryPays(distinct, (long)distinct * Width)) return false;
        var plain = new TBits[distinct];
        for (int d = 0; d < distinct; d++)
        {
            ulong key = map.Distinct[d];
            if (typeof(TBits) == typeof(uint)) MemoryMarshal.Cast<TBits, uint>(plain.AsSpan(d, 1))[0] = (uint)key;
            else MemoryMarshal.Cast<TBits, ulong>(plain.AsSpan(d, 1))[0] = key;
        }
        dictionaryPlain = MemoryMarshal.AsBytes(plain.AsSpan()).ToArray();
        dictionarySize = distinct;
        indices = result;
        return true;
    }

    public override (byte[]? Min, byte[]? Max) MinMax()
    {
        if (_count == 0) return (null, null);
        var span = _dense.AsSpan(0, _count);
        if (typeof(T) == typeof(bool))
        {
            var bools = MemoryMarshal.Cast<T, bool>(span);
            bool anyFalse = bools.Contains(false), anyTrue = bools.Contains(true);
            return ([anyFalse ? (byte)0 : (byte)1], [anyTrue ? (byte)1 : (byte)0]);
        }
        if (typeof(T) == typeof(int)) return Ordered(MemoryMarshal.Cast<T, int>(span));
        if (typeof(T) == typeof(long)) return Ordered(MemoryMarshal.Cast<T, long>(span));
        if (typeof(T) == typeof(float)) return FloatingMinMax(MemoryMarshal.Cast<T, float>(span));
        if (typeof(T) == typeof(double)) return FloatingMinMax(MemoryMarshal.Cast<T, double>(span));
        return (null, null); // INT96 has no defined order
    }

    private static (byte[], byte[]) Ordered<TValue>(ReadOnlySpan<TValue> values) where TValue : unmanaged, IComparable<TValue>
    {
        TValue min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (v.CompareTo(min) < 0) min = v;
            if (v.CompareTo(max) > 0) max = v;
        }
        return (ToBytes(min), ToBytes(max));
    }

    /// <summary>Floating min/max per the Parquet spec: NaN is ignored, and a zero bound is written as -0.0 (min) or +0.0 (max).</summary>
    private static (byte[]?, byte[]?) FloatingMinMax<TValue>(ReadOnlySpan<TValue> values) where TValue : unmanaged, System.Numerics.IFloatingPointIeee754<TValue>
    {
        bool any = false;
        TValue min = TValue.Zero, max = TValue.Zero;
        foreach (var v in values)
        {
            if (TValue.IsNaN(v)) continue;
            if (!any)
            {
                min = max = v;
                any = true;
                continue;
            }
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (!any) return (null, null);
        if (TValue.IsZero(min)) min = TValue.NegativeZero;
        if (TValue.IsZero(max)) max = TValue.Zero;
        return (ToBytes(min), ToBytes(max));
    }

    private static byte[] ToBytes<TValue>(TValue value) where TValue : unmanaged =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<TValue>(in value)).ToArray();
}
