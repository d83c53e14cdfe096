using System.IO.Compression;
using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Codecs;

/// <summary>
/// Decompresses page bodies into a buffer of the size the page header declares. Declared sizes are checked
/// against the codec's maximum expansion first, so a lying header cannot make the reader allocate gigabytes.
/// </summary>
internal static class PageDecompressor
{
    /// <summary>Whether this reader can decompress pages written with <paramref name="codec"/>.</summary>
    public static bool IsSupported(CompressionCodec codec) =>
        codec is CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip
            or CompressionCodec.Brotli or CompressionCodec.Lz4Raw;

    /// <summary>The largest output a valid stream of <paramref name="compressedLength"/> bytes can produce.</summary>
    public static long MaxExpansion(CompressionCodec codec, int compressedLength) => codec switch
    {
        CompressionCodec.Uncompressed => compressedLength,
        CompressionCodec.Snappy => 32L * compressedLength + 64,    // a 3-byte copy yields at most 64 bytes
        CompressionCodec.Lz4Raw => 256L * compressedLength + 64,   // each extra length byte adds 255
        CompressionCodec.Gzip => 1100L * compressedLength + 1024,  // deflate's limit is 1032:1
        _ => 1L << 31,                                             // brotli has no useful bound; capped by int.MaxValue
    };

    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (source.Length != destination.Length) throw new CodecException($"uncompressed page holds {source.Length} bytes, header says {destination.Length}");
                source.CopyTo(destination);
                return;
            case CompressionCodec.Snappy:
                DecompressSnappy(source, destination);
                return;
            case CompressionCodec.Gzip:
                DecompressGzip(source, destination);
                return;
            case CompressionCodec.Brotli:
                if (!BrotliDecoder.TryDecompress(source, destination, out int written) || written != destination.Length)
                    throw new CodecException("brotli data is corrupt or does not match the declared size");
                return;
            case CompressionCodec.Lz4Raw:
                Lz4RawDecoder.Decode(source, destination);
                return;
            default:
                throw new InvalidOperationException("unsupported codec " + codec);
        }
    }

    private static void DecompressSnappy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int pos = 0;
        ulong declared;
        try
        {
            declared = Encodings.RleBitPackedHybrid.ReadVarUInt(source, ref pos);
        }
        catch (Encodings.EncodingException e)
        {
            throw new CodecException("snappy length header is corrupt", e);
        }
        if (declared != (ulong)destination.Length)
            throw new CodecException($"snappy stream declares {declared} bytes, page header says {destination.Length}");
        byte[] output;
        try
        {
            output = IronSnappy.Snappy.Decode(source);
        }
#pragma warning disable CA1031 // the third-party decoder signals corrupt input with assorted exception types
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new CodecException("snappy data is corrupt: " + e.Message, e);
        }
        if (output.Length != destination.Length) throw new CodecException($"snappy data decompressed to {output.Length} bytes, expected {destination.Length}");
        output.CopyTo(destination);
    }

    private static void DecompressGzip(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        try
        {
            {
                // Gzip pages are rare on the hot path (snappy is the default), so a copy keeps this free of unsafe code.
                using var input = new MemoryStream(source.ToArray(), writable: false);
                // GZipStream reads concatenated members one after another, as Parquet writers may emit them.
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                int total = 0;
                while (total < destination.Length)
                {
                    int n = gzip.Read(destination[total..]);
                    if (n == 0) break;
                    total += n;
                }
                if (total != destination.Length) throw new CodecException($"gzip data decompressed to {total} bytes, expected {destination.Length}");
                Span<byte> probe = stackalloc byte[1];
                if (gzip.Read(probe) != 0) throw new CodecException($"gzip data decompresses to more than the declared {destination.Length} bytes");
            }
        }
        catch (InvalidDataException e)
        {
            throw new CodecException("gzip data is corrupt: " + e.Message, e);
        }
    }
}
