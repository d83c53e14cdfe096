using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Training.Baselines;

/// <summary>
/// How a training set becomes a logistic-regression design, learned on the training rows only: numeric features get
/// their missing values replaced by the training median plus a 0/1 missing indicator (when any were missing), then are
/// standardised; categorical features become one 0/1 column per level seen (plus one for missing). Columns that are
/// constant in training are left out, because they carry no information and would make the penalty arbitrary.
/// </summary>
public sealed class LogisticDesign
{
    private readonly List<DesignColumn> _columns;

    private LogisticDesign(List<DesignColumn> columns) => _columns = columns;

    /// <summary>Names of the design columns after the intercept, in order.</summary>
    public IReadOnlyList<string> ColumnNames => [.. _columns.Select(c => c.Name)];

    /// <summary>Columns including the intercept (column 0).</summary>
    public int Width => _columns.Count + 1;

    public static LogisticDesign Fit(TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = new List<DesignColumn>();
        foreach (var feature in data.Features)
        {
            var values = feature.Values;
            bool anyMissing = values.Any(double.IsNaN);
            if (feature.Kind == FeatureKind.Categorical)
            {
                for (int level = 0; level < feature.Levels.Count; level++)
                    AddIfVaries(columns, values, new DesignColumn($"{feature.Name}={feature.Levels[level]}", feature.Name, DesignRole.Level, level, 0));
                if (anyMissing) AddIfVaries(columns, values, new DesignColumn(feature.Name + "=missing", feature.Name, DesignRole.MissingIndicator, 0, 0));
                continue;
            }
            var present = values.Where(v => !double.IsNaN(v)).ToArray();
            if (present.Length == 0) continue;
            AddIfVaries(columns, values, new DesignColumn(feature.Name, feature.Name, DesignRole.Value, 0, Median(present)));
            if (anyMissing) AddIfVaries(columns, values, new DesignColumn(feature.Name + " missing", feature.Name, DesignRole.MissingIndicator, 0, 0));
        }
        return new LogisticDesign(columns);
    }

    /// <summary>The row-major design (intercept first) for any set with the training set's features.</summary>
    public double[] Transform(TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int width = Width;
        var design = new double[data.RowCount * width];
        for (int r = 0; r < data.RowCount; r++) design[r * width] = 1;
        for (int c = 0; c < _columns.Count; c++)
        {
            var column = _columns[c];
            var values = Feature(data, column.Feature).Values;
            for (int r = 0; r < data.RowCount; r++) design[r * width + c + 1] = (column.Encode(values[r]) - column.Mean) / column.Scale;
        }
        return design;
    }

    /// <summary>The design columns after the intercept, in order, with how each encodes its feature.</summary>
    internal IReadOnlyList<DesignColumn> Columns => _columns;

    private static void AddIfVaries(List<DesignColumn> columns, double[] values, DesignColumn column)
    {
        double mean = 0;
        foreach (var v in values) mean += column.Encode(v);
        mean /= values.Length;
        double sumSquares = 0;
        foreach (var v in values) sumSquares += (column.Encode(v) - mean) * (column.Encode(v) - mean);
        double scale = Math.Sqrt(sumSquares / values.Length);
        if (scale < 1e-12) return;
        columns.Add(column with { Mean = mean, Scale = scale });
    }

    private static FeatureColumn Feature(TrainingSet data, string name) =>
        data.Features.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Feature '{name}' is not in the data.");

    private static double Median(double[] values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

}

/// <summary>What a design column holds: a numeric feature's value (median for missing), a 0/1 level, or a 0/1 missing flag.</summary>
internal enum DesignRole
{
    Value,
    Level,
    MissingIndicator,
}

/// <summary>One design column: how it encodes its feature's value, and the training mean and scale it is standardised by.</summary>
internal sealed record DesignColumn(string Name, string Feature, DesignRole Role, int Level, double Median)
{
    public double Mean { get; init; }

    public double Scale { get; init; } = 1;

    public double Encode(double value) => Role switch
    {
        DesignRole.Value => double.IsNaN(value) ? Median : value,
        DesignRole.Level => value == Level ? 1 : 0,
        _ => double.IsNaN(value) ? 1 : 0,
    };
}
