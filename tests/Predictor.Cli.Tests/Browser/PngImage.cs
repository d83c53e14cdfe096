using System.Buffers.Binary;
using System.IO.Compression;

namespace Predictor.Cli.Tests.Browser;

/// <summary>
/// A minimal PNG decoder for screenshots (8-bit RGB or RGBA, not interlaced: what Chromium writes), so tests can look
/// at the pixels without an imaging package.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>Row-major samples, <see cref="Channels"/> per pixel.</summary>
    public byte[] Pixels { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * Channels;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException($"{path} is not a PNG file.");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (int pos = 8; pos + 8 <= bytes.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                byte depth = data[8], colour = data[9], interlace = data[12];
                if (depth != 8 || interlace != 0 || colour is not (2 or 6))
                    throw new NotSupportedException($"PNG with bit depth {depth}, colour type {colour}, interlace {interlace} is not supported.");
                channels = colour == 6 ? 4 : 3;
            }
            else if (type == "IDAT") compressed.Write(data);
            else if (type == "IEND") break;
            pos += 12 + length;
        }
        if (width <= 0 || height <= 0) throw new InvalidDataException($"{path} has no image header.");
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        int stride = width * bpp;
        if (raw.Length < height * (stride + 1)) throw new InvalidDataException("PNG image data are truncated.");
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            int src = y * (stride + 1) + 1, dst = y * stride;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? pixels[dst + i - bpp] : 0;
                int b = y > 0 ? pixels[dst - stride + i] : 0;
                int c = i >= bpp && y > 0 ? pixels[dst - stride + i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                };
                pixels[dst + i] = (byte)(raw[src + i] + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
