using Predictor.Training.DataSets;

namespace Predictor.Training.Tuning;

/// <summary>
/// Where and how long the tuner searches. By default each candidate is scored by cross-validation on the pipeline's
/// folds and every candidate of the grid is tried. A <see cref="Validation"/> set replaces the folds (as XGBoost's
/// <c>evals</c> and LightGBM's <c>valid</c>): each candidate is trained on all training rows and early-stopped on it.
/// A <see cref="TimeBudget"/> stops the search when it is spent (as <c>mlnet --train-time</c>): candidates are then
/// tried one after the other in grid order, the first always, each later one only while the budget lasts.
/// </summary>
public sealed record TuningSearch
{
    /// <summary>The default: every candidate, cross-validated on the pipeline's folds.</summary>
    public static TuningSearch CrossValidated { get; } = new();

    /// <summary>Rows to early-stop and score every candidate on, with the training set's features; null for the folds.</summary>
    public TrainingSet? Validation { get; init; }

    /// <summary>Wall-clock time the search may take; null for no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// Try at most this many candidates (in grid order); null for all. Lets a resampling loop repeat a budget-cut search
    /// exactly (the same candidates), where the clock would not.
    /// </summary>
    public int? CandidateLimit { get; init; }

    /// <summary>Whether candidates must be tried one after the other so that the search can stop between them.</summary>
    public bool IsLimited => TimeBudget is not null || CandidateLimit is not null;
}
