using Predictor.Training.DataSets;

namespace Predictor.Training.Pipeline;

/// <summary>Picks features of a training set by name.</summary>
public static class FeatureSubset
{
    public static FeatureColumn Find(TrainingSet data, string name) =>
        data.Features.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Feature '{name}' is not in the data.");

    public static TrainingSet Keep(TrainingSet data, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(data);
        var kept = names.Select(n => Find(data, n)).ToList();
        return kept.Count == data.FeatureCount ? data : new TrainingSet(kept, data.Labels, data.Weights);
    }
}
