namespace Predictor.Scoring.Trees;

/// <summary>
/// One input the model expects, in the order the model reads them. Categorical features carry their levels so that
/// callers can turn a level name into the code the trees were trained on.
/// </summary>
public sealed class ModelFeature
{
    private readonly string[] _levels;

    /// <summary>A feature named <paramref name="name"/>; categorical features need their <paramref name="levels"/> in code order.</summary>
    public ModelFeature(string name, FeatureKind kind, IReadOnlyList<string>? levels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (kind == FeatureKind.Categorical && levels is null)
            throw new ArgumentException($"Categorical feature '{name}' needs its levels.", nameof(levels));
        if (kind == FeatureKind.Numeric && levels is { Count: > 0 })
            throw new ArgumentException($"Numeric feature '{name}' cannot have levels.", nameof(levels));
        Name = name;
        Kind = kind;
        _levels = levels is null ? [] : [.. levels];
    }

    /// <summary>The column name the feature is read from.</summary>
    public string Name { get; }

    /// <summary>Whether the model reads a number or a category code.</summary>
    public FeatureKind Kind { get; }

    /// <summary>Category names by code (empty for numeric features).</summary>
    public IReadOnlyList<string> Levels => _levels;

    /// <summary>
    /// Smallest value seen in training, or null when unknown. Inputs outside [<see cref="Minimum"/>, <see cref="Maximum"/>]
    /// are extrapolation: the trees score them like the nearest training value, while a linear term on the feature
    /// continues its straight line. Validating callers reject them or clamp them to the range
    /// (<see cref="Input.OutOfRangeRule"/>).
    /// </summary>
    public double? Minimum { get; init; }

    /// <summary>Largest value seen in training, or null when unknown.</summary>
    public double? Maximum { get; init; }

    /// <summary>The code of a level, or NaN when the level is unknown to the model (it is then scored as missing).</summary>
    public double CodeOf(string? level)
    {
        if (level is null) return double.NaN;
        int index = Array.IndexOf(_levels, level);
        return index < 0 ? double.NaN : index;
    }
}
