using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Reads an inbox CSV file for scoring. A row that cannot be split into the header's fields (too many or too few, an
/// unterminated quote) is a row error like a bad value, and the rows around it are scored. A last line without its
/// line end is never scored: the file may have been cut off mid-cell while being written (<c>0.14</c> as <c>0.</c>),
/// so that row is reported instead. Files that are not text (a NUL byte near the start) are refused whole.
/// </summary>
internal static class CsvInboxFile
{
    private static readonly CsvReadOptions Options = new() { SkipMalformedRows = true };

    // Text files hold no NUL bytes; binary files (Excel, archives, Parquet renamed .csv) almost always do early on.
    private const int BinaryProbeBytes = 8192;

    /// <exception cref="PredictorInputException">The file cannot be read as a cohort CSV at all.</exception>
    public static CohortLoadResult Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (LooksBinary(stream))
            throw new DataFormatException($"{path}: the file is binary, not CSV text (it holds NUL bytes).") { FilePath = path };
        long complete = CompleteLength(stream);
        stream.Position = 0;
        var raw = CsvTableReader.ReadRaw(complete == stream.Length ? stream : new PrefixStream(stream, complete), path, Options);
        var loaded = CohortLoader.FromRaw(raw, CohortPurpose.Scoring, Options);
        if (complete == stream.Length) return loaded;
        int row = raw.RowCount + raw.MalformedRows.Count + 1;
        var cut = new DataIssue(path, row, LineOf(stream, complete), "",
            "the last line has no line end, so it may have been cut off while the file was being written; the row was not scored " +
            "(end every line with a line break, or write the file as name.part and rename it when complete)");
        return loaded with { Issues = [.. loaded.Issues, cut], SourceRowCount = loaded.SourceRowCount + 1 };
    }

    private static bool LooksBinary(FileStream stream)
    {
        var probe = new byte[(int)Math.Min(BinaryProbeBytes, stream.Length)];
        stream.ReadExactly(probe);
        return probe.AsSpan().Contains((byte)0);
    }

    /// <summary>The length up to and including the last line end (the whole file when it ends with one).</summary>
    private static long CompleteLength(FileStream stream)
    {
        long length = stream.Length;
        var buffer = new byte[64 * 1024];
        for (long end = length; end > 0;)
        {
            int count = (int)Math.Min(buffer.Length, end);
            stream.Position = end - count;
            stream.ReadExactly(buffer, 0, count);
            int last = buffer.AsSpan(0, count).LastIndexOfAny((byte)'\n', (byte)'\r');
            if (last >= 0) return end - count + last + 1;
            end -= count;
        }
        return 0;
    }

    /// <summary>The 1-based line that starts at <paramref name="offset"/> (line ends before it, plus one).</summary>
    private static int LineOf(FileStream stream, long offset)
    {
        stream.Position = 0;
        var buffer = new byte[64 * 1024];
        int lines = 1;
        byte previous = 0;
        for (long left = offset; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) break;
            foreach (byte b in buffer.AsSpan(0, read))
            {
                // CRLF is one line end; a lone CR or LF is one too.
                if (b == '\n' && previous != '\r' || b == '\r') lines++;
                previous = b;
            }
            left -= read;
        }
        return lines;
    }

    /// <summary>The first <c>length</c> bytes of a stream, read-only.</summary>
    private sealed class PrefixStream(Stream inner, long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            long left = length - inner.Position;
            return left <= 0 ? 0 : inner.Read(buffer, offset, (int)Math.Min(count, left));
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
