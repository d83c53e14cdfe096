namespace Predictor.Training.Progress;

/// <summary>
/// Passes progress on under another stage name, so that a step reporting its own units (the trees of one fit) shows
/// up as a stage of the larger run ("final model").
/// </summary>
public sealed class StageName(IProgress<WorkProgress> inner, string stage) : IProgress<WorkProgress>
{
    private readonly IProgress<WorkProgress> _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public void Report(WorkProgress value) => _inner.Report(value with { Stage = stage });
}
