namespace Predictor.Training.Concurrency;

/// <summary>
/// Runs a loop over blocks (of rows, or features) in parallel only when there is more than one block and more than one
/// thread. Small data (one block of rows, the common case in the clinical pipeline's many small fits) then pay no
/// thread-pool hand-off per call: a <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> costs
/// microseconds even for one iteration, and a tree makes dozens of such calls. The blocks and what each computes are
/// the same either way, so the results are too.
/// </summary>
public static class BlockLoop
{
    public static void For(int blocks, ParallelOptions parallel, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        ArgumentNullException.ThrowIfNull(body);
        if (blocks <= 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (int b = 0; b < blocks; b++) body(b);
            return;
        }
        Parallel.For(0, blocks, parallel, body);
    }

    /// <summary>One thread: for per-feature work on data too small for a second thread to pay its way.</summary>
    public static ParallelOptions Sequential { get; } = new() { MaxDegreeOfParallelism = 1 };
}
