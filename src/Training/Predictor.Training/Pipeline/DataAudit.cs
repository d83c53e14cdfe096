using System.Globalization;
using Predictor.Data.Errors;
using Predictor.Training.DataSets;

namespace Predictor.Training.Pipeline;

/// <summary>What <see cref="DataAudit"/> kept and what it warned about.</summary>
public sealed record AuditedData(TrainingSet Data, int Folds, IReadOnlyList<string> Warnings);

/// <summary>
/// Checks a training set before the pipeline runs: a label with one class, fewer than <see cref="MinimumRows"/> rows or
/// fewer than <see cref="MinimumPerClass"/> of the rarer class is an error; features that are constant or
/// entirely missing are dropped with a warning (they cannot inform a model, and keeping them silently hides a data
/// problem); the fold count is lowered, with a warning, when the rarer class has fewer rows than folds.
/// </summary>
public static class DataAudit
{
    /// <summary>Fewest rows of the rarer class the pipeline accepts: two folds with one of each class per fold.</summary>
    public const int MinimumPerClass = 2;

    /// <summary>Fewest rows the pipeline accepts: below this, tuning, calibration and a threshold are all guesswork.</summary>
    public const int MinimumRows = 10;

    public static AuditedData Check(TrainingSet data, int folds)
    {
        ArgumentNullException.ThrowIfNull(data);
        int positives = data.Labels.Count(y => y == 1), negatives = data.RowCount - positives;
        if (positives == 0 || negatives == 0)
            throw new PredictorInputException(string.Create(CultureInfo.InvariantCulture,
                $"The label has one class only ({data.RowCount} rows, all {(positives == 0 ? 0 : 1)}); a model needs both outcomes."));
        if (data.RowCount < MinimumRows)
            throw new PredictorInputException(string.Create(CultureInfo.InvariantCulture,
                $"Too few rows: {data.RowCount}; cross-validated tuning, calibration and a threshold need at least {MinimumRows}."));
        int rarer = Math.Min(positives, negatives);
        if (rarer < MinimumPerClass)
            throw new PredictorInputException(string.Create(CultureInfo.InvariantCulture,
                $"Too few rows: the rarer outcome has {rarer} row(s); cross-validation needs at least {MinimumPerClass}."));
        var warnings = new List<string>();
        if (rarer < folds)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The rarer outcome has only {rarer} rows, fewer than the {folds} folds asked for; using {rarer}-fold cross-validation."));
            folds = rarer;
        }
        var kept = new List<FeatureColumn>();
        foreach (var feature in data.Features)
        {
            var present = feature.Values.Where(v => !double.IsNaN(v)).ToArray();
            if (present.Length == 0) warnings.Add($"Feature '{feature.Name}' is missing in every row; left out.");
            else if (present.All(v => v == present[0])) warnings.Add($"Feature '{feature.Name}' has the same value in every row; left out.");
            else kept.Add(feature);
        }
        if (kept.Count == 0) throw new PredictorInputException("No usable feature: every feature is constant or entirely missing.");
        var result = kept.Count == data.FeatureCount ? data : new TrainingSet(kept, data.Labels, data.Weights);
        return new AuditedData(result, folds, warnings);
    }
}
