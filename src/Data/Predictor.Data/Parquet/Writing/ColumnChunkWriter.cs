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
    /// <summary>An encoded chunk; <see cref="Bytes"/> is a pooled buffer the file writer disposes once written.</summary>
    public sealed record EncodedChunk(PageBuffer Bytes, ColumnMetaData MetaData, long DictionaryPageRelativeOffset, long DataPageRelativeOffset, long UncompressedSize);

    public static EncodedChunk Encode(ParquetColumnData data, ParquetWriteOptions options)
    {
        var column = data.Column;
        var values = ColumnValues.From(data);
        var chunk = new PageBuffer(1 << 16);
        using var page = new PageBuffer(Math.Min(options.PageSizeBytes + 1024, 1 << 22));
        using var compressed = new PageBuffer(1 << 16);
        var pages = new PageWriter(chunk, compressed, options.Codec);
        long dictionaryOffset = -1;

        DictionaryEncoding? dictionary = options.UseDictionary && values.Count > 0 ? values.TryBuildDictionary() : null;
        if (dictionary is not null)
        {
            dictionaryOffset = chunk.Length;
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Size, Encoding = ParquetEncoding.Plain },
            };
            pages.Write(header, dictionary.Plain);
        }

        long dataOffset = chunk.Length;
        bool v2 = options.DataPageVersion == 2;
        var encoding = dictionary is not null ? (v2 ? ParquetEncoding.RleDictionary : ParquetEncoding.PlainDictionary)
            : options.DeltaEncodings && values.DeltaEncoding is { } delta ? delta
            : ParquetEncoding.Plain;
        int rowsPerPage = RowsPerPage(values, data.RowCount, options.PageSizeBytes);
        int dense = 0;
        for (int start = 0; start < data.RowCount || (start == 0 && data.RowCount == 0); start += rowsPerPage)
        {
            int rows = Math.Min(rowsPerPage, data.RowCount - start);
            page.Clear();
            int present = column.IsOptional ? DefinitionLevels.Write(data.Validity, start, rows, page, lengthPrefixed: !v2) : rows;
            int levelsLength = page.Length;
            if (dictionary is not null)
            {
                page.WriteByte((byte)dictionary.BitWidth);
                RleBitPackedHybridEncoder.Encode(dictionary.Indices.AsSpan(dense, present), dictionary.BitWidth, page);
            }
            else if (encoding == ParquetEncoding.Plain)
            {
                values.WritePlain(dense, present, page);
            }
            else
            {
                values.WriteDelta(dense, present, page);
            }
            dense += present;
            if (v2) pages.Write(DataPageV2(rows, rows - present, encoding, levelsLength), page.WrittenSpan, levelsLength);
            else pages.Write(DataPageV1(rows, encoding), page.WrittenSpan);
            if (data.RowCount == 0) break;
        }

        var meta = new ColumnMetaData
        {
            Type = column.PhysicalType,
            Codec = options.Codec,
            NumValues = data.RowCount,
            TotalUncompressedSize = pages.UncompressedBytes,
            TotalCompressedSize = chunk.Length,
            Statistics = ColumnStatistics.Of(values, data.RowCount - values.Count, column),
        };
        meta.PathInSchema.Add(column.Name);
        meta.Encodings.AddRange(new[] { ParquetEncoding.Plain, encoding, ParquetEncoding.Rle }.Distinct());
        return new EncodedChunk(chunk, meta, dictionaryOffset, dataOffset, pages.UncompressedBytes);
    }

    private static PageHeader DataPageV1(int rows, ParquetEncoding encoding) => new()
    {
        Type = PageType.DataPage,
        DataPageHeader = new DataPageHeader
        {
            NumValues = rows,
            Encoding = encoding,
            DefinitionLevelEncoding = ParquetEncoding.Rle,
            RepetitionLevelEncoding = ParquetEncoding.Rle,
        },
    };

    /// <summary>A v2 header: flat columns have no repetition levels, and the definition levels' length is stated here.</summary>
    private static PageHeader DataPageV2(int rows, int nulls, ParquetEncoding encoding, int levelsLength) => new()
    {
        Type = PageType.DataPageV2,
        DataPageHeaderV2 = new DataPageHeaderV2
        {
            NumValues = rows,
            NumNulls = nulls,
            NumRows = rows,
            Encoding = encoding,
            DefinitionLevelsByteLength = levelsLength,
            RepetitionLevelsByteLength = 0,
            IsCompressed = true,
        },
    };

    private static int RowsPerPage(ColumnValues values, int rowCount, int pageSizeBytes)
    {
        if (rowCount == 0) return 1;
        double bytesPerRow = Math.Max(1.0 / 8, (double)values.PlainSize / rowCount);
        return (int)Math.Clamp(pageSizeBytes / bytesPerRow, 1, rowCount);
    }

    /// <summary>Appends pages (header, then compressed body) to a chunk and counts their uncompressed size.</summary>
    private sealed class PageWriter(PageBuffer chunk, PageBuffer scratch, CompressionCodec codec)
    {
        /// <summary>Headers plus uncompressed bodies: what the footer calls the chunk's uncompressed size.</summary>
        public long UncompressedBytes { get; private set; }

        /// <summary>
        /// Writes a page whose first <paramref name="uncompressedPrefix"/> bytes stay uncompressed (a v2 page's levels)
        /// and the rest is compressed with the chunk's codec.
        /// </summary>
        public void Write(PageHeader header, ReadOnlySpan<byte> body, int uncompressedPrefix = 0)
        {
            // The header carries the compressed size, so the body is compressed aside first and copied after it.
            scratch.Clear();
            int compressedLength = PageCompressor.Compress(codec, body[uncompressedPrefix..], scratch);
            header.UncompressedPageSize = body.Length;
            header.CompressedPageSize = uncompressedPrefix + compressedLength;
            var headerBytes = MetadataEncoder.Encode(header);
            chunk.Write(headerBytes);
            chunk.Write(body[..uncompressedPrefix]);
            chunk.Write(scratch.WrittenSpan);
            UncompressedBytes += headerBytes.Length + body.Length;
        }
    }
}
