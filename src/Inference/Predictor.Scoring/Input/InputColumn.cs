namespace Predictor.Scoring.Input;

/// <summary>
/// One named column of a batch to score, stored by the caller (nothing is copied): numbers (NaN = missing), category
/// codes with the caller's own level list (negative = missing), or category names (null = missing). Categories are
/// matched to the model's levels by name, so the caller's level order need not match the model's.
/// </summary>
public sealed class InputColumn
{
    private InputColumn(string name, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Length = length;
    }

    /// <summary>The column name, matched to a model feature name (ordinal, case-sensitive).</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    internal ReadOnlyMemory<double> Numbers { get; private init; }

    internal ReadOnlyMemory<int> Codes { get; private init; }

    internal IReadOnlyList<string>? Levels { get; private init; }

    internal IReadOnlyList<string?>? Names { get; private init; }

    internal bool IsNumeric => Levels is null && Names is null;

    /// <summary>A column of numbers (booleans as 0/1, ordered categories as their codes); NaN is missing.</summary>
    public static InputColumn Numeric(string name, ReadOnlyMemory<double> values) => new(name, values.Length) { Numbers = values };

    /// <summary>A categorical column as codes into <paramref name="levels"/>; a negative code is missing.</summary>
    public static InputColumn Categorical(string name, ReadOnlyMemory<int> codes, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        foreach (int code in codes.Span)
        {
            if (code >= levels.Count)
                throw new ArgumentOutOfRangeException(nameof(codes), $"Column '{name}' holds a code beyond its {levels.Count} levels.");
        }
        return new InputColumn(name, codes.Length) { Codes = codes, Levels = levels };
    }

    /// <summary>A categorical column as level names; null is missing.</summary>
    public static InputColumn Categorical(string name, IReadOnlyList<string?> levelNames)
    {
        ArgumentNullException.ThrowIfNull(levelNames);
        return new InputColumn(name, levelNames.Count) { Names = levelNames };
    }
}
