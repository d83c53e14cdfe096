namespace Predictor.Data.Tables;

/// <summary>A column of free text, such as patient identifiers; <c>null</c> marks a missing value.</summary>
public sealed class TextColumn : Column
{
    private readonly string?[] _values;

    public TextColumn(string name, string?[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public override ColumnKind Kind => ColumnKind.Text;

    public override int Length => _values.Length;

    public ReadOnlySpan<string?> Values => _values;

    public string? this[int row] => _values[row];

    public override bool IsMissing(int row) => _values[row] is null;

    public override string? FormatValue(int row) => _values[row];

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var selected = new string?[rows.Length];
        for (int i = 0; i < rows.Length; i++) selected[i] = _values[rows[i]];
        return new TextColumn(Name, selected);
    }

    public override Column Rename(string name) => new TextColumn(name, _values);
}
