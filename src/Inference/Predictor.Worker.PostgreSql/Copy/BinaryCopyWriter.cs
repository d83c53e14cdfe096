using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Predictor.Worker.PostgreSql.Copy;

/// <summary>
/// Writes <c>COPY ... FROM STDIN (FORMAT BINARY)</c> data itself, into a buffer sent in large writes, for the bulk
/// writes of jobs (a million predictions rows a job). Npgsql's <see cref="NpgsqlBinaryImporter"/> resolves, binds and
/// writes each value through a parameter and an async state machine, which cost the worker about as much CPU as
/// scoring; the wire bytes are the same (PostgreSQL's documented binary COPY format: a header, each row as a field
/// count and length-prefixed big-endian fields, a trailer), so the server does the same work.
/// Call <see cref="StartRowAsync"/> before each row's fields; <see cref="CompleteAsync"/> ends the COPY, and
/// disposing without it cancels the COPY (nothing of it is stored).
/// </summary>
public sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    /// <summary>PostgreSQL's type OID of int4, named in an int4[] value.</summary>
    private const int Int4Oid = 23;

    /// <summary>"PGCOPY\n\377\r\n\0": the binary COPY signature.</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Signature.CopyTo(_buffer);
        _used = Signature.Length;
        Int(0); // flags: no OIDs
        Int(0); // no header extension
    }

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY ... FROM STDIN (FORMAT BINARY)</c>) on the connection.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellation)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copyCommand, cancellation).ConfigureAwait(false);
        if (!stream.CanWrite)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("the COPY command does not read from STDIN: " + copyCommand);
        }
        return new BinaryCopyWriter(stream);
    }

    /// <summary>
    /// Starts a row of <paramref name="fields"/> fields whose fixed-size fields and texts take at most
    /// <paramref name="maxBytes"/> (<see cref="FixedBytes"/>, <see cref="TextBytes"/>), sending what is buffered when
    /// the row would not fit. Values written with <see cref="BytesAsync"/> need not be counted.
    /// </summary>
    public ValueTask StartRowAsync(short fields, int maxBytes, CancellationToken cancellation)
    {
        int need = sizeof(short) + maxBytes;
        if (_buffer.Length - _used >= need)
        {
            Short(fields);
            return ValueTask.CompletedTask;
        }
        return FlushThenStart(fields, need, cancellation);
    }

    private async ValueTask FlushThenStart(short fields, int need, CancellationToken cancellation)
    {
        await FlushAsync(cancellation).ConfigureAwait(false);
        if (_buffer.Length < need)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(need);
        }
        Short(fields);
    }

    /// <summary>Room a row's fixed-size fields take: each field's 4-byte length plus <paramref name="valueBytes"/>.</summary>
    public static int FixedBytes(int fields, int valueBytes) => fields * sizeof(int) + valueBytes;

    /// <summary>Room a text value can take at most (its length is counted in <see cref="FixedBytes"/>).</summary>
    public static int TextBytes(string? value) => value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length);

    public void Null() => Int(-1);

    public void Int(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), value);
        _used += sizeof(int);
    }

    /// <summary>An int4 field (its length, then its value).</summary>
    public void Int4(int value)
    {
        Int(sizeof(int));
        Int(value);
    }

    public void Float8(double value)
    {
        Int(sizeof(double));
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_used), value);
        _used += sizeof(double);
    }

    public void Bool(bool value)
    {
        Int(1);
        _buffer[_used++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A uuid: its 16 bytes in RFC 4122 (big-endian) order.</summary>
    public void Uuid(Guid value)
    {
        Int(16);
        if (!value.TryWriteBytes(_buffer.AsSpan(_used, 16), bigEndian: true, out _)) throw new InvalidOperationException("a uuid takes 16 bytes");
        _used += 16;
    }

    /// <summary>A text value as UTF-8 (the connection's client encoding); null writes NULL.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used + sizeof(int)));
        Int(written);
        _used += written;
    }

    /// <summary>
    /// An int4[] of one dimension (lower bound 1, no NULLs), in array_recv's form. Takes
    /// <c>20 + 8 * values.Length</c> bytes, to be counted in the row's <c>maxBytes</c>.
    /// </summary>
    public void Int4Array(ReadOnlySpan<int> values)
    {
        Int(values.Length == 0 ? 12 : 20 + 8 * values.Length);
        Int(values.Length == 0 ? 0 : 1); // dimensions
        Int(0); // no NULLs
        Int(Int4Oid);
        if (values.Length == 0) return;
        Int(values.Length);
        Int(1); // lower bound
        foreach (int value in values) Int4(value);
    }

    /// <summary>Room <see cref="Int4Array"/> takes for <paramref name="length"/> values, its field length included.</summary>
    public static int Int4ArrayBytes(int length) => sizeof(int) + 20 + 8 * length;

    /// <summary>A bytea value, sent straight from <paramref name="value"/> (not copied into the buffer).</summary>
    public async ValueTask BytesAsync(ReadOnlyMemory<byte> value, CancellationToken cancellation)
    {
        if (_buffer.Length - _used < sizeof(int)) await FlushAsync(cancellation).ConfigureAwait(false);
        Int(value.Length);
        if (value.Length <= _buffer.Length - _used)
        {
            value.Span.CopyTo(_buffer.AsSpan(_used));
            _used += value.Length;
            return;
        }
        await FlushAsync(cancellation).ConfigureAwait(false);
        await _stream.WriteAsync(value, cancellation).ConfigureAwait(false);
    }

    /// <summary>Writes the trailer and ends the COPY; the rows are then part of the connection's transaction.</summary>
    public async Task CompleteAsync(CancellationToken cancellation)
    {
        if (_buffer.Length - _used < sizeof(short)) await FlushAsync(cancellation).ConfigureAwait(false);
        Short(-1);
        await FlushAsync(cancellation).ConfigureAwait(false);
        _completed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _stream.CancelAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Short(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), value);
        _used += sizeof(short);
    }

    private async ValueTask FlushAsync(CancellationToken cancellation)
    {
        if (_used == 0) return;
        await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellation).ConfigureAwait(false);
        _used = 0;
    }
}
