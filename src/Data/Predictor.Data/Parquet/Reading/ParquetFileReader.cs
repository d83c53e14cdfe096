using System.Buffers.Binary;
using System.Globalization;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Thrift;

namespace Predictor.Data.Parquet.Reading;

/// <summary>
/// Reads a flat Parquet file: the footer on open, then any column chunk of any row group on request, so callers
/// can stream row group by row group and read only the columns they need. Reads of different chunks may run in
/// parallel (each reads its own byte range).
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly IByteSource _source;
    private readonly long _footerStart;

    private ParquetFileReader(string path, IByteSource source, FileMetaData metadata, IReadOnlyList<ParquetColumn> columns, long footerStart)
    {
        FilePath = path;
        _source = source;
        Metadata = metadata;
        Columns = columns;
        _footerStart = footerStart;
    }

    public string FilePath { get; }

    public FileMetaData Metadata { get; }

    /// <summary>The leaf columns, in file order.</summary>
    public IReadOnlyList<ParquetColumn> Columns { get; }

    public int RowGroupCount => Metadata.RowGroups.Count;

    /// <summary>Total rows: the sum of the row groups' row counts.</summary>
    public long RowCount => Metadata.RowGroups.Sum(g => g.NumRows);

    /// <summary>Opens a file and reads its footer. Throws <see cref="ParquetFormatException"/> when it is not valid Parquet.</summary>
    public static ParquetFileReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new Errors.PredictorInputException($"Parquet file '{path}' does not exist.", e);
        }
        return Open(path, new FileSource(handle));
    }

    /// <summary>Reads a Parquet file held in memory; <paramref name="name"/> is used in error messages.</summary>
    public static ParquetFileReader Open(ReadOnlyMemory<byte> bytes, string name) => Open(name, new MemorySource(bytes));

    private static ParquetFileReader Open(string path, IByteSource source)
    {
        try
        {
            var (metadata, footerStart) = ReadFooter(path, source);
            var columns = FlatSchema.Build(metadata.Schema, path);
            Validate(path, metadata, columns, footerStart);
            return new ParquetFileReader(path, source, metadata, columns, footerStart);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public int IndexOf(string columnName)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, columnName, StringComparison.Ordinal)) return i;
        }
        throw new Errors.PredictorInputException($"Parquet file '{FilePath}' has no column '{columnName}'.");
    }

    /// <summary>Decodes one column of one row group.</summary>
    public ParquetColumnData ReadColumn(int rowGroup, int column) => ReadColumn(rowGroup, column, null);

    /// <summary>
    /// Decodes one column of one row group into the arrays of <paramref name="recycled"/> (an earlier result for the
    /// same column that the caller no longer needs) where they fit, so copying a file into one table does not
    /// allocate per row group.
    /// </summary>
    internal ParquetColumnData ReadColumn(int rowGroup, int column, ParquetColumnData? recycled)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroupCount);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns.Count);
        var group = Metadata.RowGroups[rowGroup];
        var meta = group.Columns[column].MetaData!;
        var descriptor = Columns[column];
        var (start, length) = ChunkRange(meta, descriptor, rowGroup);
        // Decoded values never point into the chunk bytes, so the buffer goes back to the pool afterwards.
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var chunk = bytes.AsSpan(0, (int)length);
            int read = _source.Read(chunk, start);
            if (read != length) throw Error($"column '{descriptor.Name}', row group {rowGroup}: the file ended inside the column chunk", descriptor.Name, rowGroup);
            return new ColumnChunkReader(FilePath, descriptor, rowGroup, meta.Codec).Read(chunk, (int)group.NumRows, recycled);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Decodes the requested columns (all when null) of one row group, decoding chunks in parallel.</summary>
    public IReadOnlyList<ParquetColumnData> ReadRowGroup(int rowGroup, IReadOnlyList<int>? columns = null)
    {
        var indices = columns ?? Enumerable.Range(0, Columns.Count).ToArray();
        var result = new ParquetColumnData[indices.Count];
        try
        {
            Parallel.For(0, indices.Count, i => result[i] = ReadColumn(rowGroup, indices[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Surface the first column's failure as itself, not wrapped, so callers see the format error.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return result;
    }

    public void Dispose() => _source.Dispose();

    private (long Start, long Length) ChunkRange(ColumnMetaData meta, ParquetColumn column, int rowGroup)
    {
        // Some writers store dictionary_page_offset = 0 meaning "none"; only an offset before the data pages counts.
        long start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is long dictionary && dictionary > 0 && dictionary < start) start = dictionary;
        long length = meta.TotalCompressedSize;
        if (start < Magic.Length || start >= _footerStart)
            throw Error($"column '{column.Name}', row group {rowGroup}: chunk offset {start} is outside the data region", column.Name, rowGroup);
        if (length <= 0 || length > _footerStart - start)
            throw Error($"column '{column.Name}', row group {rowGroup}: chunk size {length} runs past the data region", column.Name, rowGroup);
        return (start, length);
    }

    private static (FileMetaData Metadata, long FooterStart) ReadFooter(string path, IByteSource source)
    {
        long fileLength = source.Length;
        if (fileLength < 12) throw Error(path, $"the file is {fileLength} bytes, too short to be Parquet");
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        source.Read(head, 0);
        source.Read(tail, fileLength - 8);
        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
            throw Error(path, "the file does not start and end with the Parquet magic bytes PAR1");
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > fileLength - 12)
            throw Error(path, $"footer length {footerLength} does not fit in a file of {fileLength} bytes");
        long footerStart = fileLength - 8 - footerLength;
        var footer = new byte[footerLength];
        source.Read(footer, footerStart);
        try
        {
            return (MetadataDecoder.ReadFileMetaData(footer), footerStart);
        }
        catch (ThriftException e)
        {
            throw new ParquetFormatException($"Parquet file '{path}': the footer is corrupt ({e.Message}).", e) { FilePath = path };
        }
    }

    private static void Validate(string path, FileMetaData metadata, IReadOnlyList<ParquetColumn> columns, long footerStart)
    {
        for (int g = 0; g < metadata.RowGroups.Count; g++)
        {
            var group = metadata.RowGroups[g];
            if (group.NumRows < 0 || group.NumRows > Array.MaxLength)
                throw Error(path, $"row group {g} declares {group.NumRows} rows");
            if (group.Columns.Count != columns.Count)
                throw Error(path, $"row group {g} has {group.Columns.Count} column chunks for {columns.Count} columns");
            for (int c = 0; c < columns.Count; c++)
            {
                var chunk = group.Columns[c];
                if (chunk.FilePath is not null)
                    throw new ParquetUnsupportedException($"Parquet file '{path}': column '{columns[c].Name}' is stored in another file ('{chunk.FilePath}'), which is not supported.") { FilePath = path, ColumnName = columns[c].Name, RowGroup = g };
                var meta = chunk.MetaData ?? throw Error(path, $"row group {g}, column '{columns[c].Name}' has no column metadata");
                if (meta.Type != columns[c].PhysicalType)
                    throw Error(path, $"row group {g}, column '{columns[c].Name}' is stored as {meta.Type} but the schema says {columns[c].PhysicalType}");
                if (meta.TotalCompressedSize > footerStart)
                    throw Error(path, $"row group {g}, column '{columns[c].Name}' claims {meta.TotalCompressedSize} bytes, more than the file holds");
            }
        }
    }

    private static ParquetFormatException Error(string path, string detail) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Parquet file '{path}': {detail}.")) { FilePath = path };

    private ParquetFormatException Error(string detail, string column, int rowGroup) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Parquet file '{FilePath}', {detail}.")) { FilePath = FilePath, ColumnName = column, RowGroup = rowGroup };
}
