using Parquet;
using Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// A string column read as <see cref="TextColumn"/>. Rows holding the same dictionary entry share one string, and
/// an entry seen in an earlier row group reuses that group's string, so a low-cardinality column costs a reference
/// per row rather than a string per row (as the hand-written reader did). Values of plain-encoded pages are one
/// string each.
/// </summary>
internal sealed class TextFill(DataField field, string filePath, int rows) : ColumnFill(field, filePath, rows)
{
    /// <summary>Distinct strings remembered across row groups; past this many the column is treated as unique text.</summary>
    private const int MaxShared = 1 << 16;

    private readonly string?[] _values = new string?[rows];
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
    {
        using var chunk = await StringChunk.ReadAsync(reader, Field, count).ConfigureAwait(false);
        var visitor = new Visitor(_values, offset, chunk.HasDictionary ? this : null);
        chunk.ForEachRow(ref visitor);
    }

    public override Column Build() => new TextColumn(Field.Name, _values);

    /// <summary>The one string for a dictionary entry met for the first time in this row group.</summary>
    private string SharedString(ReadOnlySpan<char> entry)
    {
        var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(entry, out string? known)) return known;
        string created = new(entry);
        if (_shared.Count < MaxShared) _shared.Add(created, created);
        return created;
    }

    private struct Visitor(string?[] target, int offset, TextFill? shared) : StringChunk.IRowVisitor
    {
        // Per row group: Parquet.Net's char[] of a dictionary entry -> its string (reference identity, no hashing of text).
        private readonly Dictionary<char[], string>? _byEntry = shared is null ? null : new(ReferenceEqualityComparer.Instance);
        private char[]? _lastEntry;
        private string? _lastString;

        public void Present(int row, ReadOnlyMemory<char> value)
        {
            if (_byEntry is null || !StringChunk.TryGetEntry(value, out char[] entry))
            {
                target[offset + row] = new string(value.Span);
                return;
            }
            if (!ReferenceEquals(entry, _lastEntry))
            {
                if (!_byEntry.TryGetValue(entry, out _lastString))
                {
                    _lastString = shared!.SharedString(entry);
                    if (_byEntry.Count < MaxShared) _byEntry.Add(entry, _lastString);
                }
                _lastEntry = entry;
            }
            target[offset + row] = _lastString;
        }

        public void Null(int row) => target[offset + row] = null;
    }
}
