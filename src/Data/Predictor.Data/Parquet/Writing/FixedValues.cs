using System.Runtime.InteropServices;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>Non-null values of a fixed-width column (BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE).</summary>
internal sealed class FixedValues<T> : ColumnValues where T : unmanaged
{
    private static readonly int Width = typeof(T) == typeof(bool) ? 1 : Marshal.SizeOf<T>();
    private readonly T[] _dense;
    private readonly int _count;
    private readonly bool _unsigned;

    public FixedValues(ParquetColumnData<T> data)
    {
        _unsigned = data.Column.LogicalType is { Kind: LogicalTypeKind.Integer, IsSigned: false };
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
            _dense[k] = values[i];
            k += validity[i] ? 1 : 0;
        }
        _count = k;
    }

    public override int Count => _count;

    public override long PlainSize => typeof(T) == typeof(bool) ? (_count + 7) / 8 : (long)_count * Width;

    private ReadOnlySpan<T> Values => _dense.AsSpan(0, _count);

    public override void WritePlain(int start, int count, PageBuffer output)
    {
        var span = Values.Slice(start, count);
        if (typeof(T) == typeof(bool))
        {
            var bools = MemoryMarshal.Cast<T, byte>(span);
            var bytes = output.Reserve((count + 7) / 8);
            bytes.Clear();
            for (int i = 0; i < bools.Length; i++) bytes[i >> 3] |= (byte)(bools[i] << (i & 7));
            return;
        }
        output.Write(MemoryMarshal.AsBytes(span));
    }

    public override ParquetEncoding? DeltaEncoding =>
        typeof(T) == typeof(int) || typeof(T) == typeof(long) ? ParquetEncoding.DeltaBinaryPacked : null;

    public override void WriteDelta(int start, int count, PageBuffer output)
    {
        if (DeltaEncoding is null) base.WriteDelta(start, count, output);
        var wide = System.Buffers.ArrayPool<long>.Shared.Rent(count);
        var span = wide.AsSpan(0, count);
        if (typeof(T) == typeof(int))
        {
            var ints = MemoryMarshal.Cast<T, int>(Values.Slice(start, count));
            for (int i = 0; i < count; i++) span[i] = ints[i];
        }
        else
        {
            MemoryMarshal.Cast<T, long>(Values.Slice(start, count)).CopyTo(span);
        }
        DeltaBinaryPackedEncoder.Encode(span, typeof(T) == typeof(int) ? 32 : 64, output);
        System.Buffers.ArrayPool<long>.Shared.Return(wide);
    }

    public override DictionaryEncoding? TryBuildDictionary()
    {
        if (typeof(T) == typeof(bool) || typeof(T) == typeof(Int96)) return null;
        return Width == 4 ? Build(MemoryMarshal.Cast<T, uint>(Values)) : Build(MemoryMarshal.Cast<T, ulong>(Values));
    }

    /// <summary>Hashes raw bit patterns, so -0.0 and 0.0 (and distinct NaNs) stay distinct as PLAIN would keep them.</summary>
    private DictionaryEncoding? Build(ReadOnlySpan<uint> bits)
    {
        var map = new BitsIndexMap();
        var indices = new int[bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            int index = map.GetOrAdd(bits[i]);
            indices[i] = index;
            if ((i + 1 == SampleSize || index + 1 == map.Distinct.Count) && GiveUp(i + 1, map.Distinct.Count, (long)map.Distinct.Count * Width)) return null;
        }
        var plain = new uint[map.Distinct.Count];
        for (int d = 0; d < plain.Length; d++) plain[d] = (uint)map.Distinct[d];
        return Finish(MemoryMarshal.AsBytes(plain.AsSpan()).ToArray(), plain.Length, indices);
    }

    private DictionaryEncoding? Build(ReadOnlySpan<ulong> bits)
    {
        var map = new BitsIndexMap();
        var indices = new int[bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            int index = map.GetOrAdd(bits[i]);
            indices[i] = index;
            if ((i + 1 == SampleSize || index + 1 == map.Distinct.Count) && GiveUp(i + 1, map.Distinct.Count, (long)map.Distinct.Count * Width)) return null;
        }
        return Finish(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(map.Distinct)).ToArray(), map.Distinct.Count, indices);
    }

    private DictionaryEncoding? Finish(byte[] plain, int distinct, int[] indices) =>
        DictionaryPays(distinct, plain.Length) ? new DictionaryEncoding(plain, distinct, indices) : null;

    public override (byte[]? Min, byte[]? Max) MinMax()
    {
        if (_count == 0) return (null, null);
        var span = Values;
        if (typeof(T) == typeof(bool))
        {
            var bools = MemoryMarshal.Cast<T, bool>(span);
            bool anyFalse = bools.Contains(false), anyTrue = bools.Contains(true);
            return ([anyFalse ? (byte)0 : (byte)1], [anyTrue ? (byte)1 : (byte)0]);
        }
        // Unsigned integer annotations sort as unsigned (parquet-format's type-defined order).
        if (typeof(T) == typeof(int)) return _unsigned ? Ordered(MemoryMarshal.Cast<T, uint>(span)) : Ordered(MemoryMarshal.Cast<T, int>(span));
        if (typeof(T) == typeof(long)) return _unsigned ? Ordered(MemoryMarshal.Cast<T, ulong>(span)) : Ordered(MemoryMarshal.Cast<T, long>(span));
        if (typeof(T) == typeof(float)) return FloatingMinMax(MemoryMarshal.Cast<T, float>(span));
        if (typeof(T) == typeof(double)) return FloatingMinMax(MemoryMarshal.Cast<T, double>(span));
        return (null, null); // INT96 has no defined order
    }

    private static (byte[], byte[]) Ordered<TValue>(ReadOnlySpan<TValue> values) where TValue : unmanaged, System.Numerics.INumber<TValue>
    {
        TValue min = values[0], max = values[0];
        foreach (var v in values)
        {
            min = TValue.Min(min, v);
            max = TValue.Max(max, v);
        }
        return (ToBytes(min), ToBytes(max));
    }

    /// <summary>Floating min/max per the Parquet spec: NaN is ignored, and a zero bound is written as -0.0 (min) or +0.0 (max).</summary>
    private static (byte[]?, byte[]?) FloatingMinMax<TValue>(ReadOnlySpan<TValue> values) where TValue : unmanaged, System.Numerics.IFloatingPointIeee754<TValue>
    {
        TValue min = TValue.PositiveInfinity, max = TValue.NegativeInfinity;
        bool any = false;
        foreach (var v in values)
        {
            if (TValue.IsNaN(v)) continue;
            any = true;
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
