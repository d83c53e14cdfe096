using Predictor.Data.Parquet.Encodings;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Encoders and decoders against each other and against hand-computed bytes from the Parquet spec.</summary>
public sealed class EncodingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(8, 3)]
    [InlineData(17, 4)]
    [InlineData(32, 5)]
    public void Rle_bit_packed_hybrid_round_trips_runs_and_noise(int bitWidth, int seed)
    {
        var random = new Random(seed);
        var values = new List<int>();
        long max = bitWidth == 32 ? int.MaxValue : (1L << bitWidth) - 1;
        while (values.Count < 5000)
        {
            int v = (int)random.NextInt64(max + 1);
            int run = random.Next(2) == 0 ? random.Next(1, 40) : 1;
            values.AddRange(Enumerable.Repeat(v, run));
        }
        var buffer = new PageBuffer();
        RleBitPackedHybridEncoder.Encode(values.ToArray(), bitWidth, buffer);
        var decoded = new int[values.Count];
        int consumed = RleBitPackedHybrid.Decode(buffer.WrittenSpan, bitWidth, decoded);
        Assert.Equal(values, decoded);
        Assert.Equal(buffer.Length, consumed);
    }

    [Fact]
    public void Rle_hybrid_decodes_the_spec_example()
    {
        // parquet-format Encodings.md: bit-packed 0..7 with bit width 3 is header 0x03 then 0x88 0xC6 0xFA;
        // an RLE run of eight 5s is header 0x10 then 0x05.
        byte[] data = [0x03, 0x88, 0xC6, 0xFA, 0x10, 0x05];
        var decoded = new int[16];
        RleBitPackedHybrid.Decode(data, 3, decoded);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 5, 5, 5, 5, 5, 5, 5, 5], decoded);
    }

    [Fact]
    public void Delta_binary_packed_decodes_a_hand_built_block()
    {
        // Block size 128, 4 miniblocks, 5 values, first value 7 (zigzag 14); min delta -2 (zigzag 3);
        // widths 2,0,0,0; deltas relative to min: 0,3,2,1 -> values 7,5,6,6,5.
        var bytes = new List<byte> { 0x80, 0x01, 0x04, 0x05, 0x0E, 0x03, 2, 0, 0, 0 };
        // Miniblock 0 holds 32 values of 2 bits (8 bytes): 0,3,2,1 then zeros, LSB first: 0b01_10_11_00 = 0x6C.
        bytes.Add(0x6C);
        bytes.AddRange(new byte[7]);
        var output = new long[5];
        int consumed = DeltaBinaryPacked.Decode(bytes.ToArray(), output);
        Assert.Equal([7L, 5, 6, 6, 5], output);
        Assert.Equal(bytes.Count, consumed);
    }

    [Theory]
    [InlineData(0, 32)]
    [InlineData(1, 64)]
    [InlineData(129, 32)]
    [InlineData(1000, 32)]
    [InlineData(1000, 64)]
    public void Delta_binary_packed_encoder_round_trips_extremes_and_wrapping(int count, int valueBits)
    {
        var random = new Random(count + valueBits);
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (i % 5) switch
            {
                0 => valueBits == 32 ? int.MinValue : long.MinValue,
                1 => valueBits == 32 ? int.MaxValue : long.MaxValue,
                2 => i,
                _ => valueBits == 32 ? random.Next(int.MinValue, int.MaxValue) : random.NextInt64(long.MinValue, long.MaxValue),
            };
        }
        var buffer = new PageBuffer();
        DeltaBinaryPackedEncoder.Encode(values, valueBits, buffer);
        var decoded = new long[count];
        int consumed = DeltaBinaryPacked.Decode(buffer.WrittenSpan, decoded);
        // The decoder accumulates in 64 bits; an INT32 column keeps the low 32 (which is how readers narrow it).
        Assert.Equal(values, valueBits == 32 ? decoded.Select(v => (long)(int)v) : decoded);
        Assert.Equal(buffer.Length, consumed);
    }

    [Fact]
    public void Delta_of_a_sorted_sequence_packs_into_few_bytes()
    {
        var values = Enumerable.Range(1_000_000, 1024).Select(i => (long)i).ToArray();
        var buffer = new PageBuffer();
        DeltaBinaryPackedEncoder.Encode(values, 64, buffer);
        // Every delta equals the minimum, so each miniblock has bit width 0: headers only.
        Assert.True(buffer.Length < 100, $"{buffer.Length} bytes");
    }

    [Fact]
    public void Delta_header_that_disagrees_with_the_page_is_refused()
    {
        byte[] header = [0x80, 0x01, 0x04, 0x64, 0x00]; // declares 100 values
        Assert.Throws<EncodingException>(() => DeltaBinaryPacked.Decode(header, new long[5]));
    }
}
