using Parquet;
using Parquet.Schema;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// An open Parquet file (through Parquet.Net) checked to be one a table can hold: flat, uniquely named columns,
/// row counts that fit the file. Every Parquet.Net call made through it maps failures to
/// <see cref="ParquetFormatException"/> naming the file.
/// </summary>
internal sealed class ParquetSource : IDisposable
{
    /// <summary>Dates read as DateOnly, so they render as dates rather than midnight timestamps.</summary>
    private static readonly ParquetOptions Options = new() { UseDateOnlyTypeForDates = true };

    private readonly ParquetReader _reader;
    private readonly Stream _stream;

    private ParquetSource(ParquetReader reader, Stream stream, string filePath)
    {
        _reader = reader;
        _stream = stream;
        FilePath = filePath;
        Fields = CheckedFields(reader, filePath);
        Levels = CategoricalLevels.Parse(reader.CustomMetadata.GetValueOrDefault(CategoricalLevels.Key), filePath);
        GroupRows = ParquetErrors.Guard(filePath, () => CheckedRowCounts(reader, stream.Length, filePath));
    }

    public string FilePath { get; }

    public IReadOnlyList<DataField> Fields { get; }

    public IReadOnlyDictionary<string, CategoricalLevels.Entry> Levels { get; }

    /// <summary>Rows of each row group, checked to fit the file.</summary>
    public IReadOnlyList<int> GroupRows { get; }

    public int RowGroupCount => GroupRows.Count;

    /// <summary>Rows of the whole file, checked to fit one table column.</summary>
    public int TotalRows
    {
        get
        {
            long total = GroupRows.Sum(n => (long)n);
            if (total > Array.MaxLength)
                throw new ParquetFormatException($"Parquet file '{FilePath}' holds {total} rows, more than one table can hold; read it row group by row group.") { FilePath = FilePath };
            return (int)total;
        }
    }

    public ParquetReader Reader => _reader;

    public static ParquetSource Open(string path)
    {
        var stream = OpenFile(path);
        return Open(stream, path);
    }

    /// <summary>Reads <paramref name="stream"/> (taking ownership of it) as the file named <paramref name="filePath"/>.</summary>
    public static ParquetSource Open(Stream stream, string filePath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            RequireMarkers(stream, filePath);
            // Parquet.Net 6.1.0 loops forever on some damaged footers (seen in the mutated-file test: a changed list
            // length spins its Thrift decoder without reading further). A footer decodes in milliseconds, so the
            // decoding runs on a pool thread with a deadline; past it the file is refused. The spinning thread cannot
            // be stopped and keeps a core busy until the process ends: a known cost, named in the README.
            // A dedicated thread (LongRunning), not a pool thread: callers may themselves be pool threads waiting here.
            var opening = Task.Factory.StartNew(() =>
            {
                var reader = ParquetErrors.Guard(filePath, () => ParquetReader.CreateAsync(stream, Options, leaveStreamOpen: true).GetAwaiter().GetResult());
                try
                {
                    // The schema and footer fields are decoded lazily: a damaged footer fails here, inside the guard.
                    return ParquetErrors.Guard(filePath, () => new ParquetSource(reader, stream, filePath));
                }
                catch
                {
                    reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!opening.Wait(FooterDeadline))
            {
                throw new ParquetFormatException($"Parquet file '{filePath}' is corrupt: its footer could not be decoded within {FooterDeadline.TotalSeconds:0} s.") { FilePath = filePath };
            }
            return opening.Result;
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            stream.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>How long decoding a footer may take before the file is called corrupt (real footers take milliseconds).</summary>
    private static readonly TimeSpan FooterDeadline = TimeSpan.FromSeconds(15);

    public int IndexOf(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal)) return i;
        }
        throw new ParquetFormatException($"Parquet file '{FilePath}' has no column '{name}'.") { FilePath = FilePath, ColumnName = name };
    }

    public ParquetRowGroupReader OpenRowGroup(int group) => ParquetErrors.Guard(FilePath, () => _reader.OpenRowGroupReader(group), group);

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ParquetFormatException($"Parquet file '{path}' does not exist.", e) { FilePath = path };
        }
    }

    /// <summary>
    /// A column chunk must lie inside the file and, in a flat table, hold one value (or null) per row of its group;
    /// checked before decoding so a lying footer fails fast instead of sending the decoder through gigabytes.
    /// </summary>
    private static void CheckChunk(global::Parquet.Meta.ColumnChunk chunk, int group, long rows, long fileBytes, string filePath)
    {
        var meta = chunk.MetaData;
        string? problem = meta switch
        {
            null => "has no metadata",
            _ when meta.NumValues != rows => $"declares {meta.NumValues} values for {rows} rows",
            _ when meta.TotalCompressedSize < 0 || meta.TotalCompressedSize > fileBytes => $"declares {meta.TotalCompressedSize} bytes in a file of {fileBytes}",
            _ when meta.TotalUncompressedSize < 0 || meta.TotalUncompressedSize > int.MaxValue => $"declares {meta.TotalUncompressedSize} uncompressed bytes",
            _ when meta.DataPageOffset < 4 || meta.DataPageOffset >= fileBytes => $"starts at byte {meta.DataPageOffset}, outside the file",
            _ when meta.DictionaryPageOffset is long d && (d < 0 || d >= fileBytes) => $"has its dictionary at byte {d}, outside the file",
            _ => null,
        };
        if (problem is not null)
        {
            string name = meta?.PathInSchema is { Count: > 0 } path ? string.Join('.', path) : "?";
            throw new ParquetFormatException($"Parquet file '{filePath}' is corrupt: in row group {group}, column '{name}' {problem}.") { FilePath = filePath, RowGroup = group, ColumnName = name };
        }
    }

    /// <summary>A Parquet file starts and ends with "PAR1"; anything else (a CSV renamed, a truncated copy) is named as such.</summary>
    private static void RequireMarkers(Stream stream, string filePath)
    {
        Span<byte> head = stackalloc byte[4], tail = stackalloc byte[4];
        bool ok = stream.Length >= 12;
        if (ok)
        {
            stream.Position = 0;
            stream.ReadExactly(head);
            stream.Position = stream.Length - 4;
            stream.ReadExactly(tail);
            stream.Position = 0;
            ok = head.SequenceEqual("PAR1"u8) && tail.SequenceEqual("PAR1"u8);
        }
        if (!ok)
            throw new ParquetFormatException($"Parquet file '{filePath}' is not Parquet or is truncated: it does not start and end with the PAR1 marker.") { FilePath = filePath };
    }

    private static DataField[] CheckedFields(ParquetReader reader, string filePath)
    {
        var fields = new List<DataField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.Fields)
        {
            if (field is not DataField data || data.IsArray || data.MaxRepetitionLevel > 0)
                throw new ParquetUnsupportedException($"Parquet file '{filePath}': column '{field.Name}' is nested or repeated ({field.SchemaType}); only flat tables can be read.") { FilePath = filePath, ColumnName = field.Name };
            if (string.IsNullOrWhiteSpace(data.Name) || !seen.Add(data.Name))
                throw new ParquetFormatException($"Parquet file '{filePath}': column {fields.Count + 1} has {(string.IsNullOrWhiteSpace(data.Name) ? "a blank" : "a duplicate")} name '{data.Name}', which a table cannot hold.") { FilePath = filePath, ColumnName = data.Name };
            fields.Add(data);
        }
        return [.. fields];
    }

    /// <summary>
    /// Row counts come from the footer, and the reader allocates a row group's columns before decoding its pages; a
    /// damaged footer must not make it allocate gigabytes. A row group may claim at most 4096 rows per byte of file
    /// (far beyond what any real encoding achieves; at least 1M rows), and every column chunk must hold the group's rows.
    /// </summary>
    private static int[] CheckedRowCounts(ParquetReader reader, long fileBytes, string filePath)
    {
        long limit = Math.Max(1L << 20, 4096L * fileBytes);
        var groups = reader.Metadata?.RowGroups ?? [];
        var rows = new int[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            long n = groups[g].NumRows;
            if (n < 0 || n > limit || n > Array.MaxLength)
                throw new ParquetFormatException($"Parquet file '{filePath}' is corrupt: row group {g} declares {n} rows, impossible for a file of {fileBytes} bytes.") { FilePath = filePath, RowGroup = g };
            if (groups[g].Columns.Count != reader.Schema.DataFields.Length)
                throw new ParquetFormatException($"Parquet file '{filePath}' is corrupt: row group {g} has {groups[g].Columns.Count} column chunks for {reader.Schema.DataFields.Length} columns.") { FilePath = filePath, RowGroup = g };
            foreach (var chunk in groups[g].Columns) CheckChunk(chunk, g, n, fileBytes, filePath);
            rows[g] = (int)n;
        }
        return rows;
    }
}
