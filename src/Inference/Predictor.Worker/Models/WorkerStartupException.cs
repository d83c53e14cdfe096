namespace Predictor.Worker.Models;

/// <summary>A reason the worker cannot start (bad model, folder or setting); printed as one line.</summary>
public sealed class WorkerStartupException : Exception
{
    public WorkerStartupException() { }

    public WorkerStartupException(string message) : base(message) { }

    public WorkerStartupException(string message, Exception innerException) : base(message, innerException) { }
}
