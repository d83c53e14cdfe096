using Predictor.Training.Gbdt;

namespace Predictor.Training.Tuning;

/// <summary>How one candidate did in cross-validation.</summary>
/// <param name="Options">The candidate settings.</param>
/// <param name="BestTrees">Rounds at which the mean held-out log-loss over folds was lowest.</param>
/// <param name="MeanLogLoss">That lowest mean held-out log-loss.</param>
public sealed record CandidateScore(GbdtOptions Options, int BestTrees, double MeanLogLoss)
{
    /// <summary>Held-out log-loss of each fold at <see cref="BestTrees"/>.</summary>
    public IReadOnlyList<double> FoldLogLoss { get; init; } = [];
}

/// <summary>The outcome of tuning: every candidate's score and the winner, with its tree count set.</summary>
public sealed record TuningResult(IReadOnlyList<CandidateScore> Candidates, GbdtOptions Best);
