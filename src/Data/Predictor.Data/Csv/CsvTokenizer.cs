using System.Buffers;
using System.Text;
using Predictor.Data.Errors;

namespace Predictor.Data.Csv;

/// <summary>
/// Splits RFC 4180 text into records and fields: quoted fields (with doubled quotes, delimiters and line breaks
/// inside), CRLF or LF line ends, an optional UTF-8 byte-order mark. Works on bytes so that no string is made for
/// a field until someone asks for one.
/// </summary>
internal sealed class CsvTokenizer
{
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private readonly Stream _stream;
    private readonly string _source;
    private readonly byte _delimiter;
    private readonly SearchValues<byte> _fieldEnds;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;

    // The fields of the record being parsed, copied into one scratch array.
    private byte[] _scratch = new byte[4096];
    private int _scratchLength;
    private readonly List<(int Start, int Length)> _fields = [];

    public CsvTokenizer(Stream stream, string source, char delimiter)
    {
        if (delimiter is '"' or '\r' or '\n' || delimiter > 127)
            throw new ArgumentException($"The delimiter must be a single ASCII character other than a quote or line break; got '{delimiter}'.", nameof(delimiter));
        _stream = stream;
        _source = source;
        _delimiter = (byte)delimiter;
        _fieldEnds = SearchValues.Create([_delimiter, Cr, Lf]);
    }

    /// <summary>The 1-based line on which the last record returned by <see cref="ReadRecord"/> started.</summary>
    public int RecordLine { get; private set; }

    private int _nextLine = 1;

    public int FieldCount => _fields.Count;

    /// <summary>On a malformed record, report it through <see cref="Malformed"/> and go on at the line after the one
    /// it started on, instead of throwing.</summary>
    public bool Recover { get; set; }

    /// <summary>Why the last record returned could not be split into fields (its fields are then empty), or null.</summary>
    public string? Malformed { get; private set; }


    public ReadOnlySpan<byte> Field(int index)
    {
        var (start, length) = _fields[index];
        return _scratch.AsSpan(start, length);
    }

    public string FieldString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Reads the next non-blank record; false at end of input.</summary>
    public bool ReadRecord()
    {
        while (true)
        {
            if (_start >= _end && !Fill()) return false;
            if (!_bomChecked)
            {
                _bomChecked = true;
                if (_end - _start < 3 && !_eof) Fill();
                if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start += 3;
            }
            Malformed = null;
            int consumed;
            try
            {
                consumed = TryParseRecord(_buffer.AsSpan(_start, _end - _start), _eof);
            }
            catch (DataFormatException ex) when (Recover)
            {
                if (SkipToNextLine(ex.Message)) return true;
                continue;
            }
            if (consumed < 0)
            {
                if (!Fill())
                {
                    // Fill returns false only at end of input, where TryParseRecord always completes or throws.
                    throw new DataFormatException($"{_source}: unexpected end of file in the record starting on line {_nextLine}.")
                    { FilePath = _source };
                }
                continue;
            }
            var recordBytes = _buffer.AsSpan(_start, consumed);
            RecordLine = _nextLine;
            _nextLine += recordBytes.Count(Lf);
            if (recordBytes.Length > 0 && recordBytes[^1] == Cr) _nextLine++; // a lone CR ends a line too
            _start += consumed;
            if (IsBlank()) continue;
            return true;
        }
    }

    /// <summary>
    /// Drops the malformed record's first line only (an unterminated quote may have swallowed the lines after it, which
    /// are read again as rows) and reports it; returns false when more input was needed first.
    /// </summary>
    private bool SkipToNextLine(string problem)
    {
        int lf = _buffer.AsSpan(_start, _end - _start).IndexOf(Lf);
        if (lf < 0 && !_eof && Fill()) return false;
        int consumed = lf < 0 ? _end - _start : lf + 1;
        _fields.Clear();
        RecordLine = _nextLine;
        _nextLine++;
        _start += consumed;
        // The message names the source and line; keep only what went wrong, the caller adds row and line.
        string prefix = _source + ": ";
        Malformed = (problem.StartsWith(prefix, StringComparison.Ordinal) ? problem[prefix.Length..] : problem).TrimEnd('.');
        return true;
    }

    private bool IsBlank() => _fields.Count == 1 && _fields[0].Length == 0;

    /// <summary>Parses one record; returns the bytes consumed, or -1 when more input is needed.</summary>
    private int TryParseRecord(ReadOnlySpan<byte> data, bool atEof)
    {
        _fields.Clear();
        _scratchLength = 0;
        int pos = 0;
        while (true)
        {
            int fieldStart = _scratchLength;
            if (pos < data.Length && data[pos] == Quote)
            {
                pos++;
                while (true)
                {
                    int q = data[pos..].IndexOf(Quote);
                    if (q < 0)
                    {
                        if (!atEof) return -1;
                        throw Error($"a quoted field that starts in the record on line {_nextLine} is never closed");
                    }
                    AppendScratch(data.Slice(pos, q));
                    pos += q + 1;
                    if (pos < data.Length && data[pos] == Quote)
                    {
                        AppendScratch([Quote]);
                        pos++;
                        continue;
                    }
                    if (pos >= data.Length && !atEof) return -1;
                    break;
                }
                _fields.Add((fieldStart, _scratchLength - fieldStart));
                if (pos >= data.Length) return pos;
                byte after = data[pos];
                if (after == _delimiter) { pos++; continue; }
                if (after == Lf) return pos + 1;
                if (after == Cr) return EndOfLine(data, pos, atEof);
                throw Error($"unexpected character '{(char)after}' after a closing quote in the record on line {_nextLine} (field {_fields.Count})");
            }

            int end = data[pos..].IndexOfAny(_fieldEnds);
            if (end < 0)
            {
                if (!atEof) return -1;
                AppendScratch(data[pos..]);
                _fields.Add((fieldStart, _scratchLength - fieldStart));
                return data.Length;
            }
            AppendScratch(data.Slice(pos, end));
            _fields.Add((fieldStart, _scratchLength - fieldStart));
            pos += end;
            byte stop = data[pos];
            if (stop == _delimiter) { pos++; continue; }
            if (stop == Lf) return pos + 1;
            return EndOfLine(data, pos, atEof);
        }
    }

    private static int EndOfLine(ReadOnlySpan<byte> data, int crPosition, bool atEof)
    {
        if (crPosition + 1 < data.Length) return data[crPosition + 1] == Lf ? crPosition + 2 : crPosition + 1;
        return atEof ? crPosition + 1 : -1;
    }

    private void AppendScratch(ReadOnlySpan<byte> bytes)
    {
        if (_scratchLength + bytes.Length > _scratch.Length)
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + bytes.Length));
        bytes.CopyTo(_scratch.AsSpan(_scratchLength));
        _scratchLength += bytes.Length;
    }

    /// <summary>Moves unread bytes to the front and reads more; grows the buffer when one record fills it.</summary>
    private bool Fill()
    {
        if (_eof) return false;
        int remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return remaining > 0;
        }
        _end += read;
        return true;
    }

    private DataFormatException Error(string what) => new($"{_source}: {what}.") { FilePath = _source };
}
