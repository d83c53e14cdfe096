namespace Predictor.Scoring.Serialization;

/// <summary>
/// A model file that cannot be read: not JSON, an unsupported <c>formatVersion</c>, or a field missing or out of range.
/// Derives from <see cref="IOException"/> because it is a problem with a file the user supplied, not a bug.
/// </summary>
public sealed class ModelFormatException : IOException
{
    public ModelFormatException() { }

    public ModelFormatException(string message) : base(message) { }

    public ModelFormatException(string message, Exception innerException) : base(message, innerException) { }
}
