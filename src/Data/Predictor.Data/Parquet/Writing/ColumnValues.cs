using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// The non-null values of one column chunk, with what the chunk writer needs from them: PLAIN encoding of a
/// range, a dictionary when one pays off, and statistics. One implementation per storage shape.
/// </summary>
internal abstract class ColumnValues
{
    /// <summary>Number of non-null values.</summary>
    public abstract int Count { get; }

    /// <summary>Rough PLAIN size of all values, used to size pages and judge dictionaries.</summary>
    public abstract long PlainSize { get; }

    /// <summary>Appends the PLAIN encoding of values [start, start + count).</summary>
    public abstract void WritePlain(int start, int count, PageBuffer output);

    /// <summary>
    /// Builds a dictionary when it would be smaller than PLAIN: the PLAIN-encoded distinct values and one index per value.
    /// Returns false (early, without hashing everything) when the values are too diverse.
    /// </summary>
    public abstract bool TryBuildDictionary(out byte[] dictionaryPlain, out int dictionarySize, out int[] indices);

    /// <summary>PLAIN bytes of the minimum and maximum (null when the type has no order or there are no values).</summary>
    public abstract (byte[]? Min, byte[]? Max) MinMax();

    public static ColumnValues From(ParquetColumnData data) => data switch
    {
        ParquetColumnData<bool> b => new FixedValues<bool>(b),
        ParquetColumnData<int> i => new FixedValues<int>(i),
        ParquetColumnData<long> l => new FixedValues<long>(l),
        ParquetColumnData<float> f => new FixedValues<float>(f),
        ParquetColumnData<double> d => new FixedValues<double>(d),
        ParquetColumnData<Int96> x => new FixedValues<Int96>(x),
        ParquetBinaryColumnData { Dictionary: not null } s => new DictionaryBinaryValues(s),
        ParquetBinaryColumnData s => new BinaryValues(s),
        _ => throw new NotSupportedException($"Cannot write column '{data.Column.Name}' of {data.GetType().Name}."),
    };

    /// <summary>Whether a dictionary of <paramref name="distinct"/> entries taking <paramref name="dictionaryBytes"/> beats PLAIN.</summary>
    protected bool DictionaryPays(int distinct, long dictionaryBytes)
    {
        int bitWidth = RleBitPackedHybrid.BitWidth(Math.Max(0, distinct - 1));
        long indexBytes = ((long)Count * bitWidth + 7) / 8;
        return dictionaryBytes + indexBytes < PlainSize * 3 / 4;
    }

    /// <summary>Stop hashing once there are this many distinct values: past it a dictionary rarely pays.</summary>
    protected int DistinctLimit => Math.Min(1 << 16, Count / 4 + 16);

}
