namespace Predictor.Data.Tables;

/// <summary>
/// An immutable, column-oriented table: the in-memory form of a cohort whatever file it came from.
/// All columns have the same length and distinct names (compared ordinally, case-sensitive).
/// </summary>
public sealed class DataTable
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _index;

    public DataTable(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        for (int i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; the table has {RowCount}.", nameof(columns));
            if (!_index.TryAdd(column.Name, i))
                throw new ArgumentException($"Column name '{column.Name}' appears twice.", nameof(columns));
        }
    }

    public int RowCount { get; }

    public IReadOnlyList<Column> Columns => _columns;

    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    public bool Contains(string name) => _index.ContainsKey(name);

    public Column this[string name] =>
        TryGetColumn(name, out var column) ? column : throw new KeyNotFoundException($"The table has no column '{name}'.");

    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Column? column)
    {
        if (_index.TryGetValue(name, out int i))
        {
            column = _columns[i];
            return true;
        }
        column = null;
        return false;
    }

    /// <summary>A table with only the given rows, in the given order.</summary>
    public DataTable SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new Column[_columns.Length];
        for (int i = 0; i < _columns.Length; i++) selected[i] = _columns[i].Select(rows);
        return new DataTable(selected);
    }

    /// <summary>A table with only the named columns, in the given order.</summary>
    public DataTable SelectColumns(IEnumerable<string> names) => new(names.Select(n => this[n]));

    /// <summary>This table with one column added or replaced (by name).</summary>
    public DataTable With(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var columns = _columns.ToList();
        int at = columns.FindIndex(c => c.Name == column.Name);
        if (at >= 0) columns[at] = column; else columns.Add(column);
        return new DataTable(columns);
    }
}
