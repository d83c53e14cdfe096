using Predictor.Data.Errors;

namespace Predictor.Data.Parquet;

/// <summary>
/// A Parquet file that is corrupt, truncated or otherwise not readable as Parquet. The message names the file,
/// and where known the row group and column, so the user can tell which part of the file is damaged.
/// </summary>
public class ParquetFormatException : DataFormatException
{
    public ParquetFormatException(string message) : base(message) { }

    public ParquetFormatException(string message, Exception innerException) : base(message, innerException) { }

    public ParquetFormatException() { }

    /// <summary>0-based row group index, when the problem is inside one row group.</summary>
    public int? RowGroup { get; init; }
}

/// <summary>
/// A well-formed Parquet file that uses a feature the table adapter does not map (nested or repeated columns,
/// a logical type with no table equivalent). Derives from <see cref="ParquetFormatException"/> so callers
/// handle both the same way.
/// </summary>
public sealed class ParquetUnsupportedException : ParquetFormatException
{
    public ParquetUnsupportedException(string message) : base(message) { }

    public ParquetUnsupportedException(string message, Exception innerException) : base(message, innerException) { }

    public ParquetUnsupportedException() { }
}
