namespace Predictor.Worker.Http;

/// <summary>A request the worker cannot read (answered 400 with the message).</summary>
internal sealed class BadRequestException : Exception
{
    public BadRequestException() { }

    public BadRequestException(string message) : base(message) { }

    public BadRequestException(string message, Exception innerException) : base(message, innerException) { }
}
