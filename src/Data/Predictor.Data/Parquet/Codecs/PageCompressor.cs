using System.IO.Compression;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Codecs;

/// <summary>Compresses page bodies for the writer, appending the result to the chunk being built.</summary>
internal static class PageCompressor
{
    /// <summary>Appends <paramref name="data"/> compressed with <paramref name="codec"/>; returns the compressed length.</summary>
    public static int Compress(CompressionCodec codec, ReadOnlySpan<byte> data, PageBuffer output)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                output.Write(data);
                return data.Length;
            case CompressionCodec.Snappy:
                {
                    int written = SnappyEncoder.Compress(data, output.GetSpan(SnappyEncoder.MaxCompressedLength(data.Length)));
                    output.Advance(written);
                    return written;
                }
            case CompressionCodec.Gzip:
                return Gzip(data, output);
            default:
                throw new NotSupportedException($"The Parquet writer does not write {codec}; use SNAPPY, GZIP or UNCOMPRESSED.");
        }
    }

    private static int Gzip(ReadOnlySpan<byte> data, PageBuffer output)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        output.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        return (int)compressed.Length;
    }
}
