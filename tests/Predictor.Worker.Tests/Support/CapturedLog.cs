using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Predictor.Worker.Tests.Support;

/// <summary>Every log entry the worker writes (at or above the host's configured level), with its exception.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, EventId Event, string Message, Exception? Error);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Every message and exception text, to search for values that must never be logged.</summary>
    public string AllText => string.Join("\n", _entries.Select(e => e.Message + (e.Error is null ? "" : "\n" + e.Error)));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
