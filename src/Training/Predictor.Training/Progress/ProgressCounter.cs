namespace Predictor.Training.Progress;

/// <summary>
/// Counts finished units of a stage whose units may finish on several threads and in any order, and reports the count
/// done so far. Counting and reporting happen under one lock, so a display sees the counts rise one by one and never
/// go back, even when the units finish out of order.
/// </summary>
public sealed class ProgressCounter
{
    private readonly IProgress<WorkProgress>? _progress;
    private readonly string _stage;
    private readonly int _total;
    private readonly Lock _gate = new();
    private int _done;

    /// <summary>Starts the stage: reports 0 of <paramref name="total"/> (nothing when <paramref name="progress"/> is null).</summary>
    public ProgressCounter(IProgress<WorkProgress>? progress, string stage, int total)
    {
        _progress = progress;
        _stage = stage;
        _total = total;
        _progress?.Report(new WorkProgress(stage, 0, total));
    }

    /// <summary>Counts one more finished unit and reports the new count.</summary>
    public void Done()
    {
        if (_progress is null) return;
        lock (_gate)
        {
            _done++;
            _progress.Report(new WorkProgress(_stage, _done, _total));
        }
    }
}
