namespace Predictor.Data.Errors;

/// <summary>
/// A mistake in what the user handed over (a file, a column, an option), as opposed to a bug.
/// The CLI prints the message as one line on stderr, without a stack trace, and exits with code 2.
/// Messages name the file, row and column where they are known, and never include patient identifiers.
/// </summary>
public class PredictorInputException : Exception
{
    public PredictorInputException() { }

    public PredictorInputException(string message) : base(message) { }

    public PredictorInputException(string message, Exception innerException) : base(message, innerException) { }
}
