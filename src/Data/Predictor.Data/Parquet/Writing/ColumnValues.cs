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
    /// <summary>How many leading values are hashed before judging whether a dictionary can pay at all.</summary>
    protected const int SampleSize = 1024;

    /// <summary>Number of non-null values.</summary>
    public abstract int Count { get; }

    /// <summary>Rough PLAIN size of all values, used to size pages and judge dictionaries.</summary>
    public abstract long PlainSize { get; }

    /// <summary>Appends the PLAIN encoding of values [start, start + count).</summary>
    public abstract void WritePlain(int start, int count, PageBuffer output);

    /// <summary>
    /// The values in dictionary form when that is clearly smaller than PLAIN; null otherwise, decided early
    /// (without hashing everything) when the values are too diverse.
    /// </summary>
    public abstract DictionaryEncoding? TryBuildDictionary();

    /// <summary>The delta encoding these values can be written in (DELTA_BINARY_PACKED for integers, DELTA_LENGTH_BYTE_ARRAY for byte arrays), or null.</summary>
    public virtual ParquetEncoding? DeltaEncoding => null;

    /// <summary>Appends values [start, start + count) in <see cref="DeltaEncoding"/>.</summary>
    public virtual void WriteDelta(int start, int count, PageBuffer output) =>
        throw new NotSupportedException($"{GetType().Name} has no delta encoding.");

    /// <summary>PLAIN bytes of the minimum and maximum in the column's sort order (null when the type has no order or there are no values).</summary>
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

    /// <summary>
    /// Whether hashing should stop after <paramref name="seen"/> values produced <paramref name="distinct"/> entries
    /// taking <paramref name="dictionaryBytes"/>. After <see cref="SampleSize"/> values, the projected final dictionary
    /// is judged (unique ids give up here); past 64K entries, or a quarter of the values, the indices are wide and a
    /// dictionary rarely pays at all.
    /// </summary>
    protected bool GiveUp(int seen, int distinct, long dictionaryBytes)
    {
        if (distinct > Math.Min(1 << 16, Count / 4 + 16)) return true;
        if (seen != SampleSize || Count <= SampleSize) return false;
        double projected = DistinctEstimate.Project(seen, distinct, Count);
        return !DictionaryPays((int)projected, (long)(dictionaryBytes * projected / distinct));
    }
}
