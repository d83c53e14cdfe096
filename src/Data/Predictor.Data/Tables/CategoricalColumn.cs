namespace Predictor.Data.Tables;

/// <summary>
/// A column whose values come from a fixed list of <see cref="Levels"/>, stored as codes into that list.
/// Code -1 marks a missing value. When <see cref="IsOrdered"/> is set the level order is meaningful
/// (for example BCLC stage 0 &lt; A &lt; B &lt; C &lt; D).
/// </summary>
public sealed class CategoricalColumn : Column
{
    /// <summary>The code that marks a missing value.</summary>
    public const int MissingCode = -1;

    private readonly int[] _codes;
    private readonly string[] _levels;

    public CategoricalColumn(string name, int[] codes, IReadOnlyList<string> levels, bool isOrdered = false) : base(name)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        _levels = [.. levels];
        foreach (int code in codes)
        {
            if (code < MissingCode || code >= _levels.Length)
                throw new ArgumentException($"Categorical column '{name}' holds code {code}; it has {_levels.Length} levels.", nameof(codes));
        }
        _codes = codes;
        IsOrdered = isOrdered;
    }

    public override ColumnKind Kind => ColumnKind.Categorical;

    public override int Length => _codes.Length;

    public ReadOnlySpan<int> Codes => _codes;

    public IReadOnlyList<string> Levels => _levels;

    public bool IsOrdered { get; }

    public string? this[int row] => _codes[row] == MissingCode ? null : _levels[_codes[row]];

    public override bool IsMissing(int row) => _codes[row] == MissingCode;

    public override string? FormatValue(int row) => this[row];

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var selected = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) selected[i] = _codes[rows[i]];
        return new CategoricalColumn(Name, selected, _levels, IsOrdered);
    }

    public override Column Rename(string name) => new CategoricalColumn(name, _codes, _levels, IsOrdered);
}
