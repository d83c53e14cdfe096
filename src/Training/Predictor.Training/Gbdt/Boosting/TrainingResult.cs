using Predictor.Scoring.Trees;

namespace Predictor.Training.Gbdt.Boosting;

/// <summary>A trained model and how training went.</summary>
/// <param name="Model">The ensemble (cut back to the best round when early stopping ran).</param>
/// <param name="ValidationLoss">Validation log-loss after each tree (empty without a validation set).</param>
/// <param name="BestTreeCount">Trees kept.</param>
public sealed record TrainingResult(TreeEnsemble Model, IReadOnlyList<double> ValidationLoss, int BestTreeCount)
{
    /// <summary>Validation log-loss before the first tree (null without a validation set).</summary>
    public double? StartLoss { get; init; }
}
