using Predictor.Scoring.Trees;

namespace Predictor.Training.DataSets;

/// <summary>
/// One learner input: numeric values (NaN = missing) or, for categorical features, 0-based level codes stored as
/// doubles (NaN = missing). Keeping both kinds as doubles lets training and scoring share one row representation.
/// </summary>
public sealed class FeatureColumn
{
    public FeatureColumn(string name, double[] values)
        : this(name, FeatureKind.Numeric, values, [])
    {
    }

    public FeatureColumn(string name, FeatureKind kind, double[] values, IReadOnlyList<string> levels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(levels);
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsInfinity(v))
                throw new ArgumentException($"Feature '{name}' row {i + 1} is infinite; use NaN for missing values.", nameof(values));
            if (kind == FeatureKind.Categorical && !double.IsNaN(v) && (v < 0 || v >= levels.Count || v != Math.Floor(v)))
                throw new ArgumentException($"Categorical feature '{name}' row {i + 1} holds {v}; it has {levels.Count} levels.", nameof(values));
        }
        Name = name;
        Kind = kind;
        Values = values;
        Levels = [.. levels];
    }

    public string Name { get; }

    public FeatureKind Kind { get; }

    /// <summary>Per-row values; owned by the column, not to be written.</summary>
    public double[] Values { get; }

    public IReadOnlyList<string> Levels { get; }

    public ModelFeature ToModelFeature() => new(Name, Kind, Kind == FeatureKind.Categorical ? Levels : null);

    public FeatureColumn Select(ReadOnlySpan<int> rows)
    {
        var values = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) values[i] = Values[rows[i]];
        return new FeatureColumn(Name, Kind, values, Levels);
    }
}
