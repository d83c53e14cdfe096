using System.Text;

namespace Predictor.Data.Csv;

/// <summary>
/// A CSV file split into fields but not yet interpreted: every field of a column is kept as its UTF-8 bytes
/// (quotes removed, doubled quotes collapsed). Keeping bytes rather than strings costs one copy of the file plus
/// four bytes per cell, and lets typed parsing report exactly which row and column went wrong.
/// </summary>
public sealed class RawCsvTable
{
    internal RawCsvTable(string source, string[] header, RawCsvColumn[] columns, int[] lineNumbers)
    {
        Source = source;
        Header = header;
        Columns = columns;
        LineNumbers = lineNumbers;
    }

    /// <summary>The file name (or a description of the stream) used in error messages.</summary>
    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<RawCsvColumn> Columns { get; }

    /// <summary>The 1-based line on which each data row starts (quoted fields may span lines).</summary>
    public IReadOnlyList<int> LineNumbers { get; }

    public int RowCount => LineNumbers.Count;

    /// <summary>
    /// The 1-based data row of the file each row is, when malformed rows were skipped
    /// (<see cref="CsvReadOptions.SkipMalformedRows"/>); null when every record became a row, in order.
    /// </summary>
    public IReadOnlyList<int>? RowNumbers { get; init; }

    /// <summary>Records skipped because they could not be split into the header's fields.</summary>
    public IReadOnlyList<MalformedCsvRow> MalformedRows { get; init; } = [];

    public int IndexOf(string columnName)
    {
        for (int i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], columnName, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}

/// <summary>The raw UTF-8 fields of one CSV column.</summary>
public sealed class RawCsvColumn
{
    private byte[] _bytes = new byte[1024];
    private int _byteCount;
    private int[] _ends = new int[256];
    private int _count;

    public RawCsvColumn(string name) => Name = name;

    public string Name { get; }

    public int Count => _count;

    public ReadOnlySpan<byte> this[int row]
    {
        get
        {
            if ((uint)row >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(row));
            int start = row == 0 ? 0 : _ends[row - 1];
            return _bytes.AsSpan(start, _ends[row] - start);
        }
    }

    public string GetString(int row) => Encoding.UTF8.GetString(this[row]);

    internal void Add(ReadOnlySpan<byte> field)
    {
        if (_byteCount + field.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + field.Length));
        field.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += field.Length;
        if (_count == _ends.Length) Array.Resize(ref _ends, _ends.Length * 2);
        _ends[_count++] = _byteCount;
    }
}

/// <summary>A record that could not be read as a row: its 1-based data row, the line it starts on and why.</summary>
public sealed record MalformedCsvRow(int Row, int Line, string Problem);
