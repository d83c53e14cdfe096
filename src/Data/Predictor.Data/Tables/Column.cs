namespace Predictor.Data.Tables;

/// <summary>The kinds of value a <see cref="Column"/> can hold.</summary>
public enum ColumnKind
{
    /// <summary>Real numbers; missing values are <see cref="double.NaN"/>.</summary>
    Numeric,
    /// <summary>true/false; missing values are <see cref="BooleanColumn.Missing"/>.</summary>
    Boolean,
    /// <summary>A fixed set of levels stored as integer codes; missing is code -1.</summary>
    Categorical,
    /// <summary>Free text (identifiers); missing is <c>null</c>.</summary>
    Text,
}

/// <summary>
/// One named column of a <see cref="DataTable"/>. Columns are immutable once built: the arrays
/// they expose are owned by the column and must not be written by callers.
/// </summary>
public abstract class Column
{
    protected Column(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    public abstract ColumnKind Kind { get; }

    public abstract int Length { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The value as invariant-culture text, or <c>null</c> when missing (used by writers and reports).</summary>
    public abstract string? FormatValue(int row);

    /// <summary>A new column holding only the given rows, in the given order.</summary>
    public abstract Column Select(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract Column Rename(string name);

    public int MissingCount
    {
        get
        {
            int count = 0;
            for (int i = 0; i < Length; i++)
            {
                if (IsMissing(i)) count++;
            }
            return count;
        }
    }
}
