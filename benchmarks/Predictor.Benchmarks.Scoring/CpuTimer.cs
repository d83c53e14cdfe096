using System.Diagnostics;
using System.Globalization;

namespace Predictor.Benchmarks.Scoring;

/// <summary>
/// The machine is shared, so each measurement is the process's CPU time (one busy thread; the GC is idle as scoring
/// allocates nothing), best of the repeats; wall time is printed alongside on stderr.
/// </summary>
internal static class CpuTimer
{
    public static double Best(int repeats, Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++) best = Math.Min(best, Once(action));
        return best;
    }

    /// <summary>CPU seconds of one run of <paramref name="action"/>.</summary>
    public static double Once(Action action)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        process.Refresh();
        double seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cpu {seconds:F3} s, wall {watch.Elapsed.TotalSeconds:F3} s"));
        return seconds;
    }

    public static void Report(string what, double perSecond, double nanoseconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{what}\t{perSecond:F0} rows/s\t{nanoseconds:F1} ns/row"));
}
