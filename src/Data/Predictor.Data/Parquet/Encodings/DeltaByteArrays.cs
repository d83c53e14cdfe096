namespace Predictor.Data.Parquet.Encodings;

/// <summary>
/// Decodes DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the concatenated bytes) and DELTA_BYTE_ARRAY
/// (delta-packed prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY; each value is a prefix of the previous
/// value followed by its suffix).
/// </summary>
internal static class DeltaByteArrays
{
    /// <summary>Appends <paramref name="count"/> values to <paramref name="sink"/>.</summary>
    public static int DecodeDeltaLength(ReadOnlySpan<byte> data, int count, BinarySink sink)
    {
        var lengths = new long[count];
        int pos = DeltaBinaryPacked.Decode(data, lengths);
        for (int i = 0; i < count; i++)
        {
            long length = lengths[i];
            if (length < 0 || length > data.Length - pos)
                throw new EncodingException($"value length {length} exceeds the {data.Length - pos} bytes that remain");
            sink.Append(data.Slice(pos, (int)length));
            pos += (int)length;
        }
        return pos;
    }

    public static void DecodeDeltaByteArray(ReadOnlySpan<byte> data, int count, BinarySink sink)
    {
        var prefixes = new long[count];
        int pos = DeltaBinaryPacked.Decode(data, prefixes);
        var suffixData = data[pos..];
        var suffixLengths = new long[count];
        int suffixPos = DeltaBinaryPacked.Decode(suffixData, suffixLengths);
        byte[] previous = [];
        var current = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            long prefix = prefixes[i];
            long suffixLength = suffixLengths[i];
            if (prefix < 0 || prefix > previous.Length)
                throw new EncodingException($"prefix length {prefix} exceeds the previous value's {previous.Length} bytes");
            if (suffixLength < 0 || suffixLength > suffixData.Length - suffixPos)
                throw new EncodingException($"suffix length {suffixLength} exceeds the {suffixData.Length - suffixPos} bytes that remain");
            var value = new byte[prefix + suffixLength];
            previous.AsSpan(0, (int)prefix).CopyTo(value);
            suffixData.Slice(suffixPos, (int)suffixLength).CopyTo(value.AsSpan((int)prefix));
            suffixPos += (int)suffixLength;
            sink.Append(value);
            previous = value;
        }
    }
}

/// <summary>Receives decoded byte-array values one at a time.</summary>
internal abstract class BinarySink
{
    public abstract void Append(ReadOnlySpan<byte> value);
}
