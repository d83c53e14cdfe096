using Predictor.Data.Parquet.Codecs;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Encodes one column of one row group into v1 data pages (plus a dictionary page when a dictionary pays),
/// compressed with the chosen codec. The result is position-independent bytes and metadata whose offsets are
/// relative to the chunk start; <see cref="ParquetFileWriter"/> fixes them when it places the chunk.
/// </summary>
internal static class ColumnChunkWriter
{
    public sealed record EncodedChunk(byte[] Bytes, ColumnMetaData MetaData, long DictionaryPageRelativeOffset, long DataPageRelativeOffset, long UncompressedSize);

    public static EncodedChunk Encode(ParquetColumnData data, ParquetWriteOptions options)
    {
        var column = data.Column;
        var values = ColumnValues.From(data);
        var output = new MemoryStream();
        var meta = new ColumnMetaData
        {
            Type = column.PhysicalType,
            Codec = options.Codec,
            NumValues = data.RowCount,
        };
        meta.PathInSchema.Add(column.Name);
        long uncompressedTotal = 0;
        long dictionaryOffset = -1;

        int[]? indices = null;
        int bitWidth = 0;
        if (options.UseDictionary && values.Count > 0 && values.TryBuildDictionary(out var dictionaryPlain, out int dictionarySize, out var dictionaryIndices))
        {
            indices = dictionaryIndices;
            bitWidth = RleBitPackedHybrid.BitWidth(Math.Max(0, dictionarySize - 1));
            dictionaryOffset = output.Position;
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionarySize, Encoding = ParquetEncoding.Plain },
            };
            uncompressedTotal += WritePage(output, header, dictionaryPlain, options.Codec);
        }

        long dataOffset = output.Position;
        int rowsPerPage = RowsPerPage(values, data.RowCount, options.PageSizeBytes);
        var page = new PageBuffer(Math.Min(options.PageSizeBytes + 1024, 1 << 22));
        var levels = new int[Math.Min(rowsPerPage, Math.Max(1, data.RowCount))];
        int dense = 0;
        for (int start = 0; start < data.RowCount || (start == 0 && data.RowCount == 0); start += rowsPerPage)
        {
            int rows = Math.Min(rowsPerPage, data.RowCount - start);
            page.Clear();
            int present = rows;
            if (column.IsOptional) present = WriteDefinitionLevels(data.Validity, start, rows, levels, page);
            if (indices is not null)
            {
                page.WriteByte((byte)bitWidth);
                RleBitPackedHybridEncoder.Encode(indices.AsSpan(dense, present), bitWidth, page);
            }
            else
            {
                values.WritePlain(dense, present, page);
            }
            dense += present;
            var header = new PageHeader
            {
                Type = PageType.DataPage,
                DataPageHeader = new DataPageHeader
                {
                    NumValues = rows,
                    Encoding = indices is null ? ParquetEncoding.Plain : ParquetEncoding.PlainDictionary,
                    DefinitionLevelEncoding = ParquetEncoding.Rle,
                    RepetitionLevelEncoding = ParquetEncoding.Rle,
                },
            };
            uncompressedTotal += WritePage(output, header, page.WrittenSpan, options.Codec);
            if (data.RowCount == 0) break;
        }

        if (indices is not null) meta.Encodings.AddRange([ParquetEncoding.Plain, ParquetEncoding.PlainDictionary, ParquetEncoding.Rle]);
        else meta.Encodings.AddRange([ParquetEncoding.Plain, ParquetEncoding.Rle]);
        var (min, max) = values.MinMax();
        meta.Statistics = new Statistics { NullCount = data.RowCount - values.Count, MinValue = min, MaxValue = max };
        meta.TotalUncompressedSize = uncompressedTotal;
        meta.TotalCompressedSize = output.Length;
        return new EncodedChunk(output.ToArray(), meta, dictionaryOffset, dataOffset, uncompressedTotal);
    }

    private static int RowsPerPage(ColumnValues values, int rowCount, int pageSizeBytes)
    {
        if (rowCount == 0) return 1;
        double bytesPerRow = Math.Max(1.0 / 8, (double)values.PlainSize / rowCount);
        return (int)Math.Clamp(pageSizeBytes / bytesPerRow, 1, rowCount);
    }

    /// <summary>Writes the page's definition levels (length-prefixed RLE, bit width 1); returns the count of present values.</summary>
    private static int WriteDefinitionLevels(bool[]? validity, int start, int rows, int[] levels, PageBuffer page)
    {
        int present = 0;
        var span = levels.AsSpan(0, rows);
        for (int i = 0; i < rows; i++)
        {
            int level = validity is null || validity[start + i] ? 1 : 0;
            span[i] = level;
            present += level;
        }
        int lengthAt = page.Length;
        page.WriteInt32(0);
        RleBitPackedHybridEncoder.Encode(span, 1, page);
        int length = page.Length - lengthAt - 4;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(page.Patch(lengthAt, 4), length);
        return present;
    }

    /// <summary>Compresses and writes one page with its header; returns the uncompressed size counted in metadata.</summary>
    private static long WritePage(Stream output, PageHeader header, ReadOnlySpan<byte> body, CompressionCodec codec)
    {
        var compressed = PageCompressor.Compress(codec, body);
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = compressed.Length;
        var headerBytes = MetadataEncoder.Encode(header);
        output.Write(headerBytes);
        output.Write(compressed.Span);
        return headerBytes.Length + body.Length;
    }
}
