using Predictor.Data.Parquet.Codecs;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// The writer's Snappy encoder against two decoders: IronSnappy (an independent implementation) and the reader's
/// own. Inputs cover the block boundary (64 KiB), tiny inputs below the compressible minimum, long matches,
/// noise and page-like numbers.
/// </summary>
public sealed class SnappyEncoderTests
{
    public static TheoryData<int, int> Shapes() => new()
    {
        { 0, 0 }, { 1, 0 }, { 16, 1 }, { 17, 2 }, { 100, 3 }, { 65_535, 0 }, { 65_536, 1 }, { 65_537, 2 },
        { 200_003, 3 }, { 300_000, 4 }, { 1_048_576, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Compressed_pages_decode_to_the_input(int length, int shape)
    {
        var random = new Random(length + shape);
        var input = new byte[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = shape switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)random.Next(3),
                2 => (byte)(i % 7),
                3 => (byte)(i / 1000),
                4 => 42,
                _ => 0,
            };
        }
        if (shape == 5)
        {
            for (int i = 0; i + 8 <= length; i += 8) BitConverter.TryWriteBytes(input.AsSpan(i), Math.Round(random.NextDouble() * 300));
        }
        var compressed = new byte[SnappyEncoder.MaxCompressedLength(length)];
        int written = SnappyEncoder.Compress(input, compressed);
        Assert.Equal(input, IronSnappy.Snappy.Decode(compressed.AsSpan(0, written)));
        var ours = new byte[length];
        SnappyDecoder.Decode(compressed.AsSpan(0, written), ours);
        Assert.Equal(input, ours);
        if (shape is 2 or 3 or 4 && length > 1000) Assert.True(written < length / 10, $"{length} repetitive bytes compressed only to {written}");
    }

    [Fact]
    public void Too_small_a_destination_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SnappyEncoder.Compress(new byte[100], new byte[100]));
    }
}
