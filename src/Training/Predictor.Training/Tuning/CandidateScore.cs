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
public sealed record TuningResult(IReadOnlyList<CandidateScore> Candidates, GbdtOptions Best)
{
    /// <summary>Candidates of the grid (0 when the learner does not say).</summary>
    public int GridSize { get; init; }

    /// <summary>Of those, the ones tried before the search stopped.</summary>
    public int Evaluated { get; init; }

    /// <summary>Whether a time budget or candidate limit stopped the search before the grid's end.</summary>
    public bool Cut => Evaluated < GridSize;

    /// <summary>Rows of the validation set every candidate was scored on; null when scored by cross-validation.</summary>
    public int? ValidationRows { get; init; }
}
