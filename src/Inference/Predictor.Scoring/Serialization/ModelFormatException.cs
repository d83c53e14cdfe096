namespace Predictor.Scoring.Serialization;

/// <summary>
/// A model file that cannot be read: not JSON, an unsupported <c>formatVersion</c>, or a field missing or out of range.
/// Derives from <see cref="IOException"/> because it is a problem with a file the user supplied, not a bug.
/// </summary>
public sealed class ModelFormatException : IOException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public ModelFormatException() { }

    /// <summary>Creates an exception saying what is wrong with the file.</summary>
    public ModelFormatException(string message) : base(message) { }

    /// <summary>Creates an exception saying what is wrong with the file, and its cause.</summary>
    public ModelFormatException(string message, Exception innerException) : base(message, innerException) { }
}
