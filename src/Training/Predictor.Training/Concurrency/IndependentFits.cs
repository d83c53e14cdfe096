using System.Runtime.ExceptionServices;

namespace Predictor.Training.Concurrency;

/// <summary>
/// Runs many small independent fits (tuning folds x candidates, out-of-fold refits, bootstrap replicates) side by side.
/// A small fit runs on one thread, so fitting them one after another leaves the other cores idle. Each result lands in
/// the slot of its index and callers reduce the slots in index order, so the outcome is the same bit for bit whatever
/// the thread count or the order in which fits finish.
/// </summary>
public static class IndependentFits
{
    /// <summary>
    /// Computes <paramref name="fit"/>(i, threadsEach) for i in [0, count) on up to <paramref name="threads"/> threads.
    /// threadsEach is each fit's share of the threads, so the loop and the fits inside it never ask for more threads
    /// than given. If fits throw, the exception of the lowest index is rethrown, as a sequential loop would have done.
    /// </summary>
    public static T[] Run<T>(int count, int threads, Func<int, int, T> fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var results = new T[count];
        int degree = Math.Min(threads, count);
        if (degree <= 1)
        {
            for (int i = 0; i < count; i++) results[i] = fit(i, threads);
            return results;
        }
        int threadsEach = Math.Max(1, threads / degree);
        var failures = new ExceptionDispatchInfo?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree }, i =>
        {
            // Caught per index rather than left to Parallel.For, whose AggregateException order depends on timing.
            try
            {
                results[i] = fit(i, threadsEach);
            }
            catch (Exception ex)
            {
                failures[i] = ExceptionDispatchInfo.Capture(ex);
            }
        });
        foreach (var failure in failures) failure?.Throw();
        return results;
    }

    /// <summary>Runs jobs of different kinds side by side; each job gets its share of the threads and keeps its own result.</summary>
    public static void Run(int threads, IReadOnlyList<Action<int>> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        Run(jobs.Count, threads, (i, threadsEach) =>
        {
            jobs[i](threadsEach);
            return true;
        });
    }
}
