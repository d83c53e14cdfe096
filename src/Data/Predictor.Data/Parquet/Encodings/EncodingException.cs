namespace Predictor.Data.Parquet.Encodings;

/// <summary>Malformed encoded values; the page reader rethrows it as a <see cref="ParquetFormatException"/> naming file, column, row group and page.</summary>
internal sealed class EncodingException : Exception
{
    public EncodingException(string message) : base(message) { }

    public EncodingException() { }

    public EncodingException(string message, Exception inner) : base(message, inner) { }
}
