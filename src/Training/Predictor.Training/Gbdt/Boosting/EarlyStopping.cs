namespace Predictor.Training.Gbdt.Boosting;

/// <summary>
/// Watches the validation loss after each tree and says when it has not improved for <c>patience</c> rounds.
/// The model is then cut back to the best round.
/// </summary>
public sealed class EarlyStopping(int patience)
{
    public int BestTreeCount { get; private set; }

    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Records the loss after <paramref name="treeCount"/> trees; true when training should stop.</summary>
    public bool ShouldStop(int treeCount, double loss)
    {
        if (loss < BestLoss)
        {
            BestLoss = loss;
            BestTreeCount = treeCount;
        }
        return patience > 0 && treeCount - BestTreeCount >= patience;
    }
}
