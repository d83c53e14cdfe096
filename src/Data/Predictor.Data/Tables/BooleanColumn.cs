namespace Predictor.Data.Tables;

/// <summary>A column of true/false values stored one byte per row (0, 1, or <see cref="Missing"/>).</summary>
public sealed class BooleanColumn : Column
{
    /// <summary>The byte that marks a missing value.</summary>
    public const byte Missing = 255;

    private readonly byte[] _values;

    public BooleanColumn(string name, byte[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (byte v in values)
        {
            if (v > 1 && v != Missing)
                throw new ArgumentException($"Boolean column '{name}' holds byte {v}; expected 0, 1 or {Missing}.", nameof(values));
        }
        _values = values;
    }

    public override ColumnKind Kind => ColumnKind.Boolean;

    public override int Length => _values.Length;

    /// <summary>Raw bytes: 0 = false, 1 = true, <see cref="Missing"/> = missing.</summary>
    public ReadOnlySpan<byte> Values => _values;

    public bool? this[int row] => _values[row] switch { 0 => false, 1 => true, _ => null };

    public override bool IsMissing(int row) => _values[row] == Missing;

    public override string? FormatValue(int row) => _values[row] switch { 0 => "false", 1 => "true", _ => null };

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var selected = new byte[rows.Length];
        for (int i = 0; i < rows.Length; i++) selected[i] = _values[rows[i]];
        return new BooleanColumn(Name, selected);
    }

    public override Column Rename(string name) => new BooleanColumn(name, _values);

    /// <summary>The values as 0/1 doubles with NaN for missing, the form learners consume.</summary>
    public double[] ToDoubles()
    {
        var result = new double[_values.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = _values[i] == Missing ? double.NaN : _values[i];
        return result;
    }
}
