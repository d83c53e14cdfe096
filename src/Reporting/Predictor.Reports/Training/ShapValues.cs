using Predictor.Scoring.Explanations;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Pipeline;

namespace Predictor.Reports.Training;

/// <summary>
/// Exact TreeSHAP contributions (log-odds) of every feature for every patient under the final ensemble, with the
/// feature values they explain, and the mean absolute contribution per feature (the importance the report ranks by).
/// </summary>
public sealed class ShapValues
{
    private ShapValues(TreeEnsemble model, double[][] contributions, double[][] values)
    {
        Features = [.. model.Features];
        Contributions = contributions;
        Values = values;
        MeanAbsolute = [.. contributions.Select(c => c.Length == 0 ? 0 : c.Average(Math.Abs))];
    }

    public IReadOnlyList<ModelFeature> Features { get; }

    /// <summary>[feature][row] contribution to the raw score (log-odds).</summary>
    public IReadOnlyList<double[]> Contributions { get; }

    /// <summary>[feature][row] the value explained (NaN when missing; category code for categorical features).</summary>
    public IReadOnlyList<double[]> Values { get; }

    /// <summary>Mean |contribution| per feature over the cohort.</summary>
    public IReadOnlyList<double> MeanAbsolute { get; }

    /// <summary>Feature indices by decreasing mean |contribution| (ties by name, so the order is stable).</summary>
    public IReadOnlyList<int> Ranking => [.. Enumerable.Range(0, Features.Count)
        .OrderByDescending(f => MeanAbsolute[f]).ThenBy(f => Features[f].Name, StringComparer.Ordinal)];

    public static ShapValues Compute(TreeEnsemble model, TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var values = model.Features.Select(f => FeatureSubset.Find(data, f.Name).Values).ToArray();
        int width = values.Length;
        var contributions = Enumerable.Range(0, width).Select(_ => new double[data.RowCount]).ToArray();
        var row = new double[width];
        var phi = new double[width];
        for (int r = 0; r < data.RowCount; r++)
        {
            for (int f = 0; f < width; f++) row[f] = values[f][r];
            TreeShap.Contributions(model, row, phi);
            for (int f = 0; f < width; f++) contributions[f][r] = phi[f];
        }
        return new ShapValues(model, contributions, values);
    }
}
