namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// A read-only view of a seekable stream whose single-byte read throws at the end instead of returning -1.
/// </summary>
/// <remarks>
/// Why this exists (measured in the mutated-file test, Parquet.Net 6.1.0): its Thrift compact decoder
/// (ThriftCompactProtocolReader) reads varints with <c>(byte)stream.ReadByte()</c> and stops at the first byte
/// without the continuation bit. Past the end of the stream ReadByte returns -1, which becomes 0xFF, which always has
/// the bit set: a damaged length or field header that sends the decoder past the end makes it loop forever (about
/// 10 of 6,500 mutations). Page headers are decoded the same way straight from the file stream, so every stream
/// handed to Parquet.Net goes through this wrapper, and the footer is decoded once through it first
/// (<see cref="FooterCheck"/>). Reading past the end then ends in <see cref="EndOfStreamException"/>.
/// </remarks>
internal sealed class EndCheckedStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int ReadByte()
    {
        int b = inner.ReadByte();
        if (b < 0) throw new EndOfStreamException($"a length or field header points past the end of the data (at byte {inner.Position} of {inner.Length})");
        return b;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("read-only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only");

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
