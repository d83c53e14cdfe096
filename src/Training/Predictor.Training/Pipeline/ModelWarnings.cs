using System.Globalization;
using Predictor.Scoring.Trees;
using Predictor.Training.Evaluation;

namespace Predictor.Training.Pipeline;

/// <summary>
/// Plain warnings about a fitted model that is of little use, so that a model which learned nothing is never written
/// silently: no split anywhere (everyone gets the same probability), or a cross-validated AUC whose 95% CI includes 0.5.
/// </summary>
public static class ModelWarnings
{
    public static IEnumerable<string> For(TreeEnsemble ensemble, PerformanceSummary crossValidated)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(crossValidated);
        if (ensemble.Trees.All(t => t.NodeCount == 0) && ensemble.Linear is not { Terms.Count: > 0 })
            yield return "The model found no split in any feature: it gives every patient the same probability (the data are too few or the features carry no signal).";
        var auc = crossValidated.Auc;
        if (!(auc.Lower > 0.5))
            yield return string.Create(CultureInfo.InvariantCulture,
                $"The cross-validated AUC {auc.Auc:F3} (95% CI {auc.Lower:F3}-{auc.Upper:F3}) does not exclude 0.5: the model may be no better than chance.");
    }
}
