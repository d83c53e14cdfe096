namespace Predictor.Worker.Inbox;

/// <summary>An inbox file that cannot be scored at all (wrong type, unreadable, a required column missing).</summary>
internal sealed class UnusableFileException : Exception
{
    public UnusableFileException() { }

    public UnusableFileException(string message) : base(message) { }

    public UnusableFileException(string message, Exception innerException) : base(message, innerException) { }
}
