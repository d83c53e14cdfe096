namespace Predictor.Data.Errors;

/// <summary>
/// A file that cannot be read as the format it claims to be (a malformed CSV record, a corrupt Parquet
/// footer or page). Carries the file and, where known, the row and column.
/// </summary>
public class DataFormatException : PredictorInputException
{
    public DataFormatException(string message) : base(message) { }

    public DataFormatException(string message, Exception innerException) : base(message, innerException) { }

    public DataFormatException() { }

    public string? FilePath { get; init; }

    /// <summary>1-based data row (header excluded), when the problem is in one row.</summary>
    public long? Row { get; init; }

    public string? ColumnName { get; init; }
}
