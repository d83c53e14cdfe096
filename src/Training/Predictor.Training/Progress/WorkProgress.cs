namespace Predictor.Training.Progress;

/// <summary>
/// How far a long step has got, for progress displays: <paramref name="Done"/> of <paramref name="Total"/> units of the
/// named stage (folds while tuning, replicates while bootstrapping). Structured rather than text so a terminal can draw
/// a bar and a log can print a line without parsing messages.
/// </summary>
/// <param name="Stage">Short name of the stage, e.g. "tuning" or "bootstrap".</param>
/// <param name="Done">Units finished so far (0 when the stage starts).</param>
/// <param name="Total">Units in the stage.</param>
public readonly record struct WorkProgress(string Stage, int Done, int Total);
