namespace Predictor.Worker.Inbox;

/// <summary>An inbox file that cannot be scored at all (wrong type, unreadable, a required column missing).</summary>
internal sealed class UnusableFileException : Exception
{
    public UnusableFileException() { }

    public UnusableFileException(string message) : base(message) { }

    public UnusableFileException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What went wrong without any of the file's content (a header or cell value), for the log.</summary>
    public string LogReason { get; init; } = "the file cannot be scored";
}
