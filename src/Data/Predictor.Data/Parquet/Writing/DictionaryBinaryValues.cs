using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Non-null values of a string column already in dictionary form (a categorical column's levels and codes):
/// the dictionary is written as is, without hashing any value. Statistics cover only the entries in use.
/// </summary>
internal sealed class DictionaryBinaryValues : ColumnValues
{
    private readonly ParquetBinaryColumnData _dictionary;
    private readonly int[] _indices;
    private readonly long _plainSize;

    public DictionaryBinaryValues(ParquetBinaryColumnData column)
    {
        _dictionary = column.Dictionary!;
        var all = column.DictionaryIndices!;
        int n = 0;
        foreach (int index in all) if (index >= 0) n++;
        _indices = new int[n];
        int k = 0;
        foreach (int index in all)
        {
            if (index < 0) continue;
            if (index >= _dictionary.RowCount) throw new ArgumentException($"Column '{column.Column.Name}' refers to dictionary entry {index} of {_dictionary.RowCount}.");
            _indices[k++] = index;
            _plainSize += 4 + _dictionary.GetBytes(index).Length;
        }
    }

    public override int Count => _indices.Length;

    public override long PlainSize => _plainSize;

    public override void WritePlain(int start, int count, PageBuffer output)
    {
        for (int i = start; i < start + count; i++)
        {
            var value = _dictionary.GetBytes(_indices[i]);
            output.WriteInt32(value.Length);
            output.Write(value);
        }
    }

    public override DictionaryEncoding? TryBuildDictionary()
    {
        using var plain = new PageBuffer();
        for (int d = 0; d < _dictionary.RowCount; d++)
        {
            var value = _dictionary.GetBytes(d);
            plain.WriteInt32(value.Length);
            plain.Write(value);
        }
        int size = _dictionary.RowCount;
        return size > 0 && DictionaryPays(size, plain.Length) ? new DictionaryEncoding(plain.WrittenSpan.ToArray(), size, _indices) : null;
    }

    public override (byte[]? Min, byte[]? Max) MinMax()
    {
        if (Count == 0) return (null, null);
        var used = new bool[_dictionary.RowCount];
        foreach (int index in _indices) used[index] = true;
        int min = -1, max = -1;
        for (int d = 0; d < used.Length; d++)
        {
            if (!used[d]) continue;
            if (min < 0 || _dictionary.GetBytes(d).SequenceCompareTo(_dictionary.GetBytes(min)) < 0) min = d;
            if (max < 0 || _dictionary.GetBytes(d).SequenceCompareTo(_dictionary.GetBytes(max)) > 0) max = d;
        }
        return (_dictionary.GetBytes(min).ToArray(), _dictionary.GetBytes(max).ToArray());
    }
}
