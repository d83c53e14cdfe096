namespace Predictor.Worker.Inbox;

/// <summary>A claimed file changed while it was being scored: its outputs were not committed.</summary>
internal sealed class FileStillBeingWrittenException : Exception
{
    public FileStillBeingWrittenException() { }

    public FileStillBeingWrittenException(string message) : base(message) { }

    public FileStillBeingWrittenException(string message, Exception innerException) : base(message, innerException) { }
}
