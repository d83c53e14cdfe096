using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Writes a flat Parquet file row group by row group: v1 data pages, dictionary encoding where it pays,
/// statistics and <c>created_by</c> in the footer. Columns of a row group are encoded in parallel.
/// Call <see cref="Dispose"/> (or <see cref="Finish"/>) to write the footer.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _output;
    private readonly bool _ownsStream;
    private readonly IReadOnlyList<ParquetColumn> _columns;
    private readonly ParquetWriteOptions _options;
    private readonly FileMetaData _metadata = new() { Version = 1 };
    private bool _finished;

    public ParquetFileWriter(Stream output, IReadOnlyList<ParquetColumn> columns, ParquetWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        _options = options ?? new ParquetWriteOptions();
        _options.Validate();
        if (columns.Count == 0) throw new ArgumentException("A Parquet file needs at least one column.", nameof(columns));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (!names.Add(c.Name)) throw new ArgumentException($"Column name '{c.Name}' appears twice.", nameof(columns));
        }
        _output = output;
        _ownsStream = !leaveOpen;
        _columns = columns;
        _metadata.CreatedBy = _options.CreatedBy;
        _metadata.Schema.Add(new SchemaElement { Name = "schema", NumChildren = columns.Count });
        foreach (var c in columns) _metadata.Schema.Add(SchemaElementOf(c));
        _output.Write(Magic);
    }

    /// <summary>Creates (or overwrites) a file at <paramref name="path"/>.</summary>
    public static ParquetFileWriter Create(string path, IReadOnlyList<ParquetColumn> columns, ParquetWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), columns, options);

    public ParquetWriteOptions Options => _options;

    /// <summary>Adds an entry to the footer's key-value metadata.</summary>
    public void AddKeyValue(string key, string? value)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _metadata.KeyValueMetadata.Add(new KeyValuePair<string, string?>(key, value));
    }

    /// <summary>Writes one row group; <paramref name="columns"/> holds one column per schema column, all the same length.</summary>
    public void WriteRowGroup(IReadOnlyList<ParquetColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (columns.Count != _columns.Count) throw new ArgumentException($"Expected {_columns.Count} columns, got {columns.Count}.", nameof(columns));
        WriteRowGroups([new RowGroupSource(columns.Count == 0 ? 0 : columns[0].RowCount, i => columns[i])]);
    }

    /// <summary>
    /// Writes consecutive row groups, encoding all their column chunks in parallel; chunks are then written in
    /// file order, so the output does not depend on scheduling. Columns are produced inside the parallel loop,
    /// so a caller's conversion work is spread over the cores too.
    /// </summary>
    internal void WriteRowGroups(IReadOnlyList<RowGroupSource> groups)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        int width = _columns.Count;
        var encoded = new ColumnChunkWriter.EncodedChunk[groups.Count * width];
        try
        {
            // Encoding is CPU-bound: threads beyond the cores would only hold more chunks in memory at once.
            Parallel.For(0, encoded.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
            {
                var group = groups[k / width];
                var column = group.Column(k % width);
                try
                {
                    encoded[k] = ColumnChunkWriter.Encode(Checked(column, k % width, group.Rows), _options);
                }
                finally
                {
                    group.Release?.Invoke(column);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            foreach (var chunk in encoded) chunk?.Bytes.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        for (int g = 0; g < groups.Count; g++) Append(groups[g].Rows, encoded.AsSpan(g * width, width));
    }

    private ParquetColumnData Checked(ParquetColumnData column, int i, int rows)
    {
        if (column.Column.Name != _columns[i].Name || column.Column.PhysicalType != _columns[i].PhysicalType)
            throw new ArgumentException($"Column {i} is '{column.Column.Name}' ({column.Column.PhysicalType}); the schema says '{_columns[i].Name}' ({_columns[i].PhysicalType}).");
        if (column.RowCount != rows) throw new ArgumentException($"Column '{column.Column.Name}' has {column.RowCount} rows; expected {rows}.");
        if (!_columns[i].IsOptional && column.NullCount > 0) throw new ArgumentException($"Column '{column.Column.Name}' is REQUIRED but holds nulls.");
        return column;
    }

    /// <summary>Places a row group's encoded chunks at the end of the file and records them in the footer.</summary>
    private void Append(int rows, ReadOnlySpan<ColumnChunkWriter.EncodedChunk> chunks)
    {
        var group = new RowGroup { NumRows = rows, FileOffset = _output.Position, Ordinal = (short)Math.Min(short.MaxValue, _metadata.RowGroups.Count) };
        long compressed = 0;
        foreach (var chunk in chunks)
        {
            long start = _output.Position;
            _output.Write(chunk.Bytes.WrittenSpan);
            var meta = chunk.MetaData;
            meta.DataPageOffset = start + chunk.DataPageRelativeOffset;
            if (chunk.DictionaryPageRelativeOffset >= 0) meta.DictionaryPageOffset = start + chunk.DictionaryPageRelativeOffset;
            group.Columns.Add(new ColumnChunk { FileOffset = start, MetaData = meta });
            group.TotalByteSize += chunk.UncompressedSize;
            compressed += chunk.Bytes.Length;
            chunk.Bytes.Dispose();
        }
        group.TotalCompressedSize = compressed;
        _metadata.RowGroups.Add(group);
        _metadata.NumRows += rows;
    }

    /// <summary>Writes the footer and closes the file.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        var footer = MetadataEncoder.Encode(_metadata);
        _output.Write(footer);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        _output.Write(length);
        _output.Write(Magic);
        _output.Flush();
        if (_ownsStream) _output.Dispose();
    }

    public void Dispose() => Finish();

    private static SchemaElement SchemaElementOf(ParquetColumn c)
    {
        var e = new SchemaElement
        {
            Name = c.Name,
            Type = c.PhysicalType,
            RepetitionType = c.IsOptional ? Repetition.Optional : Repetition.Required,
        };
        if (c.PhysicalType == PhysicalType.FixedLenByteArray) e.TypeLength = c.TypeLength;
        WritableLogicalTypes.Annotate(e, c);
        return e;
    }
}
