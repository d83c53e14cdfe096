using System.IO.Compression;
using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Codecs;

/// <summary>Compresses page bodies for the writer.</summary>
internal static class PageCompressor
{
    public static ReadOnlyMemory<byte> Compress(CompressionCodec codec, ReadOnlySpan<byte> data) => codec switch
    {
        CompressionCodec.Uncompressed => data.ToArray(),
        CompressionCodec.Snappy => IronSnappy.Snappy.Encode(data),
        CompressionCodec.Gzip => Gzip(data),
        _ => throw new NotSupportedException($"The Parquet writer does not write {codec}; use SNAPPY, GZIP or UNCOMPRESSED."),
    };

    private static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
