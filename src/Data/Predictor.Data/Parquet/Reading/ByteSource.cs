using Microsoft.Win32.SafeHandles;

namespace Predictor.Data.Parquet.Reading;

/// <summary>Random-access bytes of a Parquet file; reads at explicit offsets so column chunks can be read in parallel.</summary>
internal interface IByteSource : IDisposable
{
    long Length { get; }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns the count read.</summary>
    int Read(Span<byte> buffer, long offset);
}

/// <summary>A file on disk, read with positional reads (thread-safe, no shared seek position).</summary>
internal sealed class FileSource(SafeFileHandle handle) : IByteSource
{
    public long Length => RandomAccess.GetLength(handle);

    public int Read(Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public void Dispose() => handle.Dispose();
}

/// <summary>A file already in memory.</summary>
internal sealed class MemorySource(ReadOnlyMemory<byte> bytes) : IByteSource
{
    public long Length => bytes.Length;

    public int Read(Span<byte> buffer, long offset)
    {
        if (offset < 0 || offset >= bytes.Length) return 0;
        int n = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Span.Slice((int)offset, n).CopyTo(buffer);
        return n;
    }

    public void Dispose()
    {
    }
}
