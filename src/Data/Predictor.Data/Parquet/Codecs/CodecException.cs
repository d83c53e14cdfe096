namespace Predictor.Data.Parquet.Codecs;

/// <summary>A compressed page that does not decompress to its declared size; rethrown as a <see cref="ParquetFormatException"/> with context.</summary>
internal sealed class CodecException : Exception
{
    public CodecException(string message) : base(message) { }

    public CodecException(string message, Exception inner) : base(message, inner) { }

    public CodecException() { }
}
