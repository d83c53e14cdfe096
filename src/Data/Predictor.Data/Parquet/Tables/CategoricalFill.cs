using Parquet;
using Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// A string column whose levels the file records (written by <see cref="ParquetTableWriter"/>), read straight into
/// category codes: each dictionary entry's text is looked up among the levels once per row group, and no string is
/// made per row. A value that is not one of the recorded levels is an error naming its row.
/// </summary>
internal sealed class CategoricalFill : ColumnFill
{
    private readonly CategoricalLevels.Entry _levels;
    private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
    private readonly int[] _codes;

    public CategoricalFill(DataField field, CategoricalLevels.Entry levels, string filePath, int rows) : base(field, filePath, rows)
    {
        _levels = levels;
        _codes = new int[rows];
        for (int i = 0; i < levels.Levels.Count; i++)
        {
            if (!_codeOf.TryAdd(levels.Levels[i], i))
                throw new ParquetFormatException($"Parquet file '{filePath}': column '{field.Name}' lists level '{levels.Levels[i]}' twice.") { FilePath = filePath, ColumnName = field.Name };
        }
    }

    protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
    {
        using var chunk = await StringChunk.ReadAsync(reader, Field, count).ConfigureAwait(false);
        var visitor = new Visitor(this, offset, chunk.HasDictionary);
        chunk.ForEachRow(ref visitor);
    }

    public override Column Build() => new CategoricalColumn(Field.Name, _codes, _levels.Levels, _levels.Ordered);

    private int CodeOf(ReadOnlySpan<char> value, int row)
    {
        if (_codeOf.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out int code)) return code;
        throw new ParquetFormatException($"Parquet file '{FilePath}': column '{Field.Name}' row {row + 1} holds a value that is not one of its {_levels.Levels.Count} recorded levels.") { FilePath = FilePath, ColumnName = Field.Name, Row = row + 1 };
    }

    private struct Visitor(CategoricalFill fill, int offset, bool dictionary) : StringChunk.IRowVisitor
    {
        // Per row group: Parquet.Net's char[] of a dictionary entry -> its code (reference identity, no hashing of text).
        private readonly Dictionary<char[], int>? _byEntry = dictionary ? new(ReferenceEqualityComparer.Instance) : null;
        private char[]? _lastEntry;
        private int _lastCode;

        public void Present(int row, ReadOnlyMemory<char> value)
        {
            if (_byEntry is null || !StringChunk.TryGetEntry(value, out char[] entry))
            {
                fill._codes[offset + row] = fill.CodeOf(value.Span, offset + row);
                return;
            }
            if (!ReferenceEquals(entry, _lastEntry))
            {
                if (!_byEntry.TryGetValue(entry, out _lastCode))
                {
                    _lastCode = fill.CodeOf(entry, offset + row);
                    if (_byEntry.Count < 1 << 16) _byEntry.Add(entry, _lastCode);
                }
                _lastEntry = entry;
            }
            fill._codes[offset + row] = _lastCode;
        }

        public void Null(int row) => fill._codes[offset + row] = CategoricalColumn.MissingCode;
    }
}
