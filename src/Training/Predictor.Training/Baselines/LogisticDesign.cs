using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Statistics;

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

    /// <param name="data">Training rows.</param>
    /// <param name="weights">
    /// Row weights (null: all 1). The median, means and scales are then the weighted ones (the weighted median,
    /// <c>StandardScaler(sample_weight=...)</c>'s mean and population SD), because a weighted fit stands for the
    /// population the weights describe: an integer weight must mean that many copies of the row, and only weighted
    /// statistics give the copies' design, so the penalty shrinks the same standardised coefficients in both. A column
    /// that varies only among zero-weight rows is constant in that population and is left out.
    /// </param>
    public static LogisticDesign Fit(TrainingSet data, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (weights is not null) CheckWeights(weights, data.RowCount);
        var columns = new List<DesignColumn>();
        foreach (var feature in data.Features)
        {
            var values = feature.Values;
            bool anyMissing = values.Any(double.IsNaN);
            if (feature.Kind == FeatureKind.Categorical)
            {
                for (int level = 0; level < feature.Levels.Count; level++)
                    AddIfVaries(columns, values, weights, new DesignColumn($"{feature.Name}={feature.Levels[level]}", feature.Name, DesignRole.Level, level, 0));
                if (anyMissing) AddIfVaries(columns, values, weights, new DesignColumn(feature.Name + "=missing", feature.Name, DesignRole.MissingIndicator, 0, 0));
                continue;
            }
            if (WeightedMedian.OfPresent(values, weights) is not { } median) continue;
            AddIfVaries(columns, values, weights, new DesignColumn(feature.Name, feature.Name, DesignRole.Value, 0, median));
            if (anyMissing) AddIfVaries(columns, values, weights, new DesignColumn(feature.Name + " missing", feature.Name, DesignRole.MissingIndicator, 0, 0));
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

    private static void CheckWeights(double[] weights, int rows)
    {
        if (weights.Length != rows) throw new ArgumentException($"There are {weights.Length} weights for {rows} rows.", nameof(weights));
        for (int r = 0; r < weights.Length; r++)
        {
            if (!(weights[r] >= 0) || double.IsInfinity(weights[r]))
                throw new ArgumentException($"Weight of row {r + 1} is {weights[r]}; expected a finite non-negative number.", nameof(weights));
        }
        if (!(weights.Sum() > 0)) throw new ArgumentException("The rows' weights sum to zero; a design needs rows that count.", nameof(weights));
    }

    private static void AddIfVaries(List<DesignColumn> columns, double[] values, double[]? weights, DesignColumn column)
    {
        // Without weights every row weighs exactly 1 and the total is the row count, so these are the unweighted
        // mean and SD to the bit.
        double mean = 0, total = 0;
        for (int r = 0; r < values.Length; r++)
        {
            double w = weights?[r] ?? 1;
            mean += w * column.Encode(values[r]);
            total += w;
        }
        mean /= total;
        double sumSquares = 0;
        for (int r = 0; r < values.Length; r++)
        {
            double deviation = column.Encode(values[r]) - mean;
            sumSquares += (weights?[r] ?? 1) * deviation * deviation;
        }
        double scale = Math.Sqrt(sumSquares / total);
        if (scale < 1e-12) return;
        columns.Add(column with { Mean = mean, Scale = scale });
    }

    private static FeatureColumn Feature(TrainingSet data, string name) =>
        data.Features.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Feature '{name}' is not in the data.");

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
