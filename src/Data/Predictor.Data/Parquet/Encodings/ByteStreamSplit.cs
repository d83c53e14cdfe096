namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Decodes BYTE_STREAM_SPLIT: byte k of every value is stored in stream k, streams one after another.
/// Output is the values' bytes in their natural (PLAIN) order.
/// </summary>
internal static class ByteStreamSplit
{
    public static void Decode(ReadOnlySpan<byte> data, int valueWidth, int count, Span<byte> output)
    {
        long needed = (long)valueWidth * count;
        if (needed > data.Length) throw new EncodingException($"BYTE_STREAM_SPLIT needs {needed} bytes for {count} values but {data.Length} remain");
        for (int stream = 0; stream < valueWidth; stream++)
        {
            var source = data.Slice(stream * count, count);
            for (int i = 0; i < count; i++) output[i * valueWidth + stream] = source[i];
        }
    }
}
