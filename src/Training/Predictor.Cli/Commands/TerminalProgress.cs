using System.Diagnostics;
using System.Globalization;

namespace Predictor.Cli.Commands;

/// <summary>
/// Progress for long runs: writes a status line to the error stream at most once a second, so short runs stay quiet and
/// the standard output stays clean for <c>--json</c> and the summary.
/// </summary>
internal sealed class TerminalProgress(TextWriter error) : IProgress<string>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(string value)
    {
        var now = _clock.Elapsed;
        if (now - _last < TimeSpan.FromSeconds(1)) return;
        _last = now;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,6:F1} s] {value}"));
    }
}
