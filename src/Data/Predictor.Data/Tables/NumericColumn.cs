using System.Globalization;

namespace Predictor.Data.Tables;

/// <summary>A column of real numbers; <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    private readonly double[] _values;

    public NumericColumn(string name, double[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public override ColumnKind Kind => ColumnKind.Numeric;

    public override int Length => _values.Length;

    public ReadOnlySpan<double> Values => _values;

    public double this[int row] => _values[row];

    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    public override string? FormatValue(int row) =>
        double.IsNaN(_values[row]) ? null : _values[row].ToString("R", CultureInfo.InvariantCulture);

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var selected = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) selected[i] = _values[rows[i]];
        return new NumericColumn(Name, selected);
    }

    public override Column Rename(string name) => new NumericColumn(name, _values);
}
