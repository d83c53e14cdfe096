using System.Diagnostics;
using System.Globalization;
using Predictor.Training.Progress;
using Spectre.Console;

namespace Predictor.Cli.Output;

/// <summary>
/// Progress of long runs on the error stream, so standard output stays clean for <c>--json</c> and the summary. On an
/// interactive terminal each stage (tuning folds, out-of-fold fits, the trees of a long fit, bootstrap replicates)
/// gets a Spectre.Console bar that is cleared when the run ends; when the stream is redirected (tests, CI logs, pipes)
/// it writes at most one plain line every <see cref="PlainInterval"/>, so short runs print nothing.
/// </summary>
internal sealed class TerminalProgress : IProgress<WorkProgress>
{
    /// <summary>Shortest gap between two plain progress lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TextWriter? _plain;
    private readonly ProgressContext? _bars;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TimeSpan _lastLine = TimeSpan.Zero;

    private TerminalProgress(TextWriter? plain, ProgressContext? bars)
    {
        _plain = plain;
        _bars = bars;
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Runs <paramref name="work"/> with progress shown on <paramref name="error"/> as the terminal allows.</summary>
    public static T Run<T>(TextWriter error, Func<TerminalProgress, T> work)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(work);
        if (!IsInteractiveTerminal(error)) return work(new TerminalProgress(error, null));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => result = work(new TerminalProgress(null, context)));
        return result;
    }

    /// <summary>
    /// Bars only for the real console's error stream when it is a terminal: a captured writer (tests) or a redirected
    /// stream (CI, <c>2&gt; log</c>) gets plain lines, which read well in a log.
    /// </summary>
    private static bool IsInteractiveTerminal(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    public void Report(WorkProgress value)
    {
        lock (_gate)
        {
            if (_bars is not null)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    task = _bars.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.Total));
                    _tasks[value.Stage] = task;
                }
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Done;
                return;
            }
            var now = _clock.Elapsed;
            if (now - _lastLine < PlainInterval) return;
            _lastLine = now;
            _plain!.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,6:F1} s] {value.Stage} {value.Done}/{value.Total}"));
        }
    }

    /// <summary>The same display for code that reports (done, total) pairs, such as the optimism bootstrap.</summary>
    public IProgress<(int Done, int Total)> Stage(string name) => new StageReporter(this, name);

    private sealed class StageReporter(TerminalProgress owner, string stage) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => owner.Report(new WorkProgress(stage, value.Done, value.Total));
    }
}
