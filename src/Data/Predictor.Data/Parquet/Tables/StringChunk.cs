using System.Buffers;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// One row group's string column read through Parquet.Net's raw API: the present values packed (no slot for a
/// null row) plus one definition level per row. Parquet.Net decodes every dictionary entry into its own
/// <c>char[]</c> and hands each row of a dictionary-encoded page that same array, so rows are told apart by array:
/// <see cref="TryGetEntry"/> gives that array, letting the caller build one string (or look up one category code)
/// per dictionary entry instead of one per row.
/// </summary>
internal sealed class StringChunk : IDisposable
{
    private readonly ReadOnlyMemory<char>[] _values;
    private readonly int[]? _definitions;
    private readonly int _rows;
    private readonly int _maxDefinition;

    private StringChunk(ReadOnlyMemory<char>[] values, int[]? definitions, int rows, int maxDefinition, bool hasDictionary)
    {
        _values = values;
        _definitions = definitions;
        _rows = rows;
        _maxDefinition = maxDefinition;
        HasDictionary = hasDictionary;
    }

    /// <summary>Whether the chunk has dictionary-encoded pages (some of its rows share entries).</summary>
    public bool HasDictionary { get; }

    public static async ValueTask<StringChunk> ReadAsync(ParquetRowGroupReader reader, DataField field, int rows)
    {
        var encodings = reader.GetMetadata(field)?.MetaData?.Encodings;
        bool hasDictionary = encodings is not null && (encodings.Contains(Encoding.RLE_DICTIONARY) || encodings.Contains(Encoding.PLAIN_DICTIONARY));
        var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(rows, 1));
        // Cleared so a slot the decoder did not fill is recognisably empty (default), never a stale value.
        Array.Clear(values, 0, rows);
        int maxDefinition = field.MaxDefinitionLevel;
        int[]? definitions = maxDefinition > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(rows, 1)) : null;
        try
        {
            await reader.ReadRawAsync(field, values.AsMemory(0, rows), definitions?.AsMemory(0, rows), null).ConfigureAwait(false);
            int present = rows;
            if (definitions is not null)
            {
                present = 0;
                foreach (int d in definitions.AsSpan(0, rows))
                {
                    if (d == maxDefinition) present++;
                }
            }
            // Every present row must have received a value; an unfilled slot means the pages held fewer values than
            // their definition levels promise (a damaged file), which would otherwise read as an empty string.
            for (int v = 0; v < present; v++)
            {
                if (values[v].Equals(default))
                    throw new InvalidDataException($"the column chunk holds {v} values for {present} non-null rows");
            }
            return new StringChunk(values, definitions, rows, maxDefinition, hasDictionary);
        }
        catch
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(values, clearArray: true);
            if (definitions is not null) ArrayPool<int>.Shared.Return(definitions);
            throw;
        }
    }

    /// <summary>
    /// Walks the rows in order, handing <paramref name="visit"/> each row's value or telling it the row is null.
    /// Rows line up with the packed values through the definition levels.
    /// </summary>
    public void ForEachRow<TVisitor>(ref TVisitor visit) where TVisitor : struct, IRowVisitor
    {
        if (_definitions is null)
        {
            for (int row = 0; row < _rows; row++) visit.Present(row, _values[row]);
            return;
        }
        int v = 0;
        for (int row = 0; row < _rows; row++)
        {
            if (_definitions[row] == _maxDefinition) visit.Present(row, _values[v++]);
            else visit.Null(row);
        }
    }

    /// <summary>
    /// The whole <c>char[]</c> behind <paramref name="value"/> when the value is an entire array (as every value
    /// Parquet.Net decodes is), so rows holding the same dictionary entry give the same array.
    /// </summary>
    public static bool TryGetEntry(ReadOnlyMemory<char> value, out char[] entry)
    {
        if (MemoryMarshal.TryGetArray(value, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length)
        {
            entry = array;
            return true;
        }
        entry = [];
        return false;
    }

    public void Dispose()
    {
        ArrayPool<ReadOnlyMemory<char>>.Shared.Return(_values, clearArray: true);
        if (_definitions is not null) ArrayPool<int>.Shared.Return(_definitions);
    }

    /// <summary>What a caller does with each row of the chunk (a struct, so the walk is not a delegate call per row).</summary>
    public interface IRowVisitor
    {
        void Present(int row, ReadOnlyMemory<char> value);

        void Null(int row);
    }
}
