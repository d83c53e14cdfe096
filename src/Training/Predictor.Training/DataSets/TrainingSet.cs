using Predictor.Scoring.Trees;

namespace Predictor.Training.DataSets;

/// <summary>
/// What the learner trains on: feature columns, a 0/1 label per row and optional non-negative row weights.
/// Independent of how the data were loaded (see <see cref="TrainingSetBuilder"/> for the DataTable route).
/// </summary>
public sealed class TrainingSet
{
    private readonly FeatureColumn[] _features;

    public TrainingSet(IReadOnlyList<FeatureColumn> features, double[] labels, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count == 0) throw new ArgumentException("A training set needs at least one feature.", nameof(features));
        _features = [.. features];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _features)
        {
            if (f.Values.Length != labels.Length)
                throw new ArgumentException($"Feature '{f.Name}' has {f.Values.Length} rows; the labels have {labels.Length}.", nameof(features));
            if (!names.Add(f.Name)) throw new ArgumentException($"Feature '{f.Name}' appears twice.", nameof(features));
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0.0 or 1.0))
                throw new ArgumentException($"Label of row {i + 1} is {labels[i]}; expected 0 or 1.", nameof(labels));
        }
        if (weights is not null)
        {
            if (weights.Length != labels.Length)
                throw new ArgumentException($"There are {weights.Length} weights for {labels.Length} rows.", nameof(weights));
            for (int i = 0; i < weights.Length; i++)
            {
                if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
                    throw new ArgumentException($"Weight of row {i + 1} is {weights[i]}; expected a finite non-negative number.", nameof(weights));
            }
        }
        Labels = labels;
        Weights = weights;
    }

    public IReadOnlyList<FeatureColumn> Features => _features;

    /// <summary>0/1 labels; owned by the set.</summary>
    public double[] Labels { get; }

    /// <summary>Row weights, or null when every row weighs 1.</summary>
    public double[]? Weights { get; }

    public int RowCount => Labels.Length;

    public int FeatureCount => _features.Length;

    public IReadOnlyList<ModelFeature> Schema => [.. _features.Select(f => f.ToModelFeature())];

    public TrainingSet SelectRows(ReadOnlySpan<int> rows)
    {
        var features = new FeatureColumn[_features.Length];
        for (int f = 0; f < features.Length; f++) features[f] = _features[f].Select(rows);
        var labels = new double[rows.Length];
        double[]? weights = Weights is null ? null : new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            labels[i] = Labels[rows[i]];
            if (weights is not null) weights[i] = Weights![rows[i]];
        }
        return new TrainingSet(features, labels, weights);
    }

    /// <summary>Row <paramref name="row"/> as the model reads it (feature order).</summary>
    public double[] Row(int row)
    {
        var values = new double[_features.Length];
        for (int f = 0; f < values.Length; f++) values[f] = _features[f].Values[row];
        return values;
    }
}
