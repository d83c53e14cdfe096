using System.Buffers;
using System.Globalization;
using Predictor.Data.Parquet.Codecs;
using Predictor.Data.Parquet.Encodings;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Thrift;

namespace Predictor.Data.Parquet.Reading;

/// <summary>
/// Walks the pages of one column chunk (dictionary page, then v1 or v2 data pages), decompresses them and feeds
/// definition levels and values to a <see cref="ColumnBuilder"/>. Every size in a page header is checked
/// against the chunk before it is used, and every failure is reported with file, column, row group and page.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly string _filePath;
    private readonly ParquetColumn _column;
    private readonly int _rowGroup;
    private readonly CompressionCodec _codec;
    private int _page;

    public ColumnChunkReader(string filePath, ParquetColumn column, int rowGroup, CompressionCodec codec)
    {
        _filePath = filePath;
        _column = column;
        _rowGroup = rowGroup;
        _codec = codec;
    }

    /// <summary>Decodes <paramref name="rowCount"/> rows from the chunk's bytes, reusing <paramref name="recycled"/>'s arrays when given (see <see cref="ColumnBuilder.Create"/>).</summary>
    public ParquetColumnData Read(ReadOnlySpan<byte> chunk, int rowCount, ParquetColumnData? recycled = null)
    {
        if (!PageDecompressor.IsSupported(_codec))
            throw new ParquetUnsupportedException($"Parquet file '{_filePath}': unsupported codec {CodecName(_codec)} in column '{_column.Name}' (row group {_rowGroup}).")
            { FilePath = _filePath, ColumnName = _column.Name, RowGroup = _rowGroup };
        try
        {
            return ReadPages(chunk, rowCount, recycled);
        }
        catch (Exception e) when (e is EncodingException or CodecException or ThriftException)
        {
            throw Error(e.Message, e);
        }
    }

    private ParquetColumnData ReadPages(ReadOnlySpan<byte> chunk, int rowCount, ParquetColumnData? recycled)
    {
        var builder = ColumnBuilder.Create(_column, rowCount, recycled);
        // Validity grows with the pages actually decoded, so a footer that lies about the row count cannot force a huge allocation.
        bool[]? validity = _column.IsOptional ? recycled?.Validity ?? [] : null;
        int rowsRead = 0;
        int nonNull = 0;
        int pos = 0;
        _page = 0;
        while (rowsRead < rowCount)
        {
            if (pos >= chunk.Length)
                throw Error($"the column chunk ends after {rowsRead} of {rowCount} rows");
            var header = MetadataDecoder.ReadPageHeader(chunk[pos..], out int headerLength);
            pos += headerLength;
            if (header.CompressedPageSize < 0 || header.CompressedPageSize > chunk.Length - pos)
                throw Error($"page claims {header.CompressedPageSize} bytes but the chunk has {chunk.Length - pos} left");
            if (header.UncompressedPageSize < 0)
                throw Error($"page claims a negative uncompressed size {header.UncompressedPageSize}");
            var body = chunk.Slice(pos, header.CompressedPageSize);
            pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionaryPage(header, body, builder);
                    break;
                case PageType.DataPage:
                    GrowValidity(ref validity, header.DataPageHeader?.NumValues ?? 0, rowsRead, rowCount);
                    ReadDataPageV1(header, body, builder, validity, rowCount, ref rowsRead, ref nonNull);
                    break;
                case PageType.DataPageV2:
                    GrowValidity(ref validity, header.DataPageHeaderV2?.NumValues ?? 0, rowsRead, rowCount);
                    ReadDataPageV2(header, body, builder, validity, rowCount, ref rowsRead, ref nonNull);
                    break;
                default:
                    break; // index pages and unknown page types carry nothing this reader needs
            }
            _page++;
        }
        if (builder.Count != nonNull) throw Error($"pages decoded {builder.Count} values for {nonNull} non-null rows");
        if (validity is not null && validity.Length != rowCount) Array.Resize(ref validity, rowCount);
        return builder.Build(validity);
    }

    private void GrowValidity(ref bool[]? validity, int pageValues, int rowsRead, int rowCount)
    {
        if (validity is null) return;
        int needed = CheckPageRows(pageValues, rowsRead, rowCount) + rowsRead;
        if (needed > validity.Length)
            Array.Resize(ref validity, (int)Math.Min(rowCount, Math.Max(needed, 2L * validity.Length)));
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body, ColumnBuilder builder)
    {
        var d = header.DictionaryPageHeader ?? throw Error("dictionary page without a dictionary page header");
        if (builder.HasDictionary) throw Error("a second dictionary page in one column chunk");
        if (d.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
            throw Error($"dictionary page encoding {d.Encoding} is not PLAIN");
        if (d.NumValues < 0) throw Error($"dictionary page declares {d.NumValues} values");
        WithDecompressed(body, header.UncompressedPageSize, true, data => builder.SetDictionary(data, d.NumValues));
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body, ColumnBuilder builder, bool[]? validity, int rowCount, ref int rowsRead, ref int nonNull)
    {
        var h = header.DataPageHeader ?? throw Error("data page without a data page header");
        int values = CheckPageRows(h.NumValues, rowsRead, rowCount);
        int start = rowsRead;
        int present = 0;
        WithDecompressed(body, header.UncompressedPageSize, true, data =>
        {
            int consumed = 0;
            present = values;
            if (validity is not null)
                present = ReadDefinitionLevels(data, h.DefinitionLevelEncoding, validity.AsSpan(start, values), out consumed);
            builder.Append(h.Encoding, data[consumed..], present);
        });
        rowsRead += values;
        nonNull += present;
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body, ColumnBuilder builder, bool[]? validity, int rowCount, ref int rowsRead, ref int nonNull)
    {
        var h = header.DataPageHeaderV2 ?? throw Error("v2 data page without a v2 data page header");
        int values = CheckPageRows(h.NumValues, rowsRead, rowCount);
        if (h.RepetitionLevelsByteLength < 0 || h.DefinitionLevelsByteLength < 0
            || (long)h.RepetitionLevelsByteLength + h.DefinitionLevelsByteLength > body.Length)
            throw Error($"level lengths {h.RepetitionLevelsByteLength} + {h.DefinitionLevelsByteLength} exceed the page's {body.Length} bytes");
        var levels = body.Slice(h.RepetitionLevelsByteLength, h.DefinitionLevelsByteLength);
        var valueBytes = body[(h.RepetitionLevelsByteLength + h.DefinitionLevelsByteLength)..];
        int present = values;
        if (validity is not null)
        {
            var target = validity.AsSpan(rowsRead, values);
            present = h.DefinitionLevelsByteLength == 0 && h.NumNulls == values ? FillNull(target) : DecodeLevels(levels, target);
        }
        if (h.NumNulls != values - present) throw Error($"v2 page header declares {h.NumNulls} nulls but its levels hold {values - present}");
        int uncompressedValues = header.UncompressedPageSize - h.RepetitionLevelsByteLength - h.DefinitionLevelsByteLength;
        if (uncompressedValues < 0) throw Error("v2 page levels are larger than the page");
        // A v2 page with no values has an empty body that must not be handed to the codec.
        bool compressed = h.IsCompressed && valueBytes.Length > 0;
        int p = present;
        WithDecompressed(valueBytes, uncompressedValues, compressed, data => builder.Append(h.Encoding, data, p));
        rowsRead += values;
        nonNull += present;
    }

    private int CheckPageRows(int values, int rowsRead, int rowCount)
    {
        if (values < 0 || values > rowCount - rowsRead)
            throw Error($"page declares {values} values but only {rowCount - rowsRead} rows of the row group remain");
        return values;
    }

    private static int FillNull(Span<bool> target)
    {
        target.Clear();
        return 0;
    }

    /// <summary>Reads v1 definition levels (RLE with a length prefix, or the deprecated BIT_PACKED) into <paramref name="target"/>; returns the count of present values.</summary>
    private int ReadDefinitionLevels(ReadOnlySpan<byte> data, ParquetEncoding encoding, Span<bool> target, out int consumed)
    {
        if (encoding == ParquetEncoding.Rle)
        {
            var encoded = RleBitPackedHybrid.LengthPrefixed(data, out consumed);
            return DecodeLevels(encoded, target);
        }
        if (encoding == ParquetEncoding.BitPacked)
        {
            // Deprecated BIT_PACKED levels: one bit per value, most significant bit first.
            consumed = (target.Length + 7) / 8;
            if (consumed > data.Length) throw Error("BIT_PACKED definition levels are truncated");
            int present = 0;
            for (int i = 0; i < target.Length; i++)
            {
                bool set = (data[i >> 3] & (0x80 >> (i & 7))) != 0;
                target[i] = set;
                if (set) present++;
            }
            return present;
        }
        throw Error($"definition level encoding {encoding} is not RLE or BIT_PACKED");
    }

    private static int DecodeLevels(ReadOnlySpan<byte> encoded, Span<bool> target)
    {
        int[] levels = ArrayPool<int>.Shared.Rent(target.Length);
        try
        {
            var span = levels.AsSpan(0, target.Length);
            RleBitPackedHybrid.Decode(encoded, 1, span);
            int present = 0;
            for (int i = 0; i < span.Length; i++)
            {
                bool set = span[i] != 0;
                target[i] = set;
                present += set ? 1 : 0;
            }
            return present;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    private delegate void PageBodyAction(ReadOnlySpan<byte> data);

    private void WithDecompressed(ReadOnlySpan<byte> body, int uncompressedSize, bool compressed, PageBodyAction action)
    {
        if (!compressed || _codec == CompressionCodec.Uncompressed)
        {
            if (_codec == CompressionCodec.Uncompressed && body.Length != uncompressedSize && compressed)
                throw Error($"uncompressed page holds {body.Length} bytes but its header says {uncompressedSize}");
            action(body);
            return;
        }
        if (uncompressedSize > PageDecompressor.MaxExpansion(_codec, body.Length))
            throw Error($"page claims {uncompressedSize} uncompressed bytes, more than {body.Length} {CodecName(_codec)} bytes can hold");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(uncompressedSize);
        try
        {
            var target = buffer.AsSpan(0, uncompressedSize);
            PageDecompressor.Decompress(_codec, body, target);
            action(target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ParquetFormatException Error(string detail, Exception? inner = null)
    {
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Parquet file '{_filePath}', column '{_column.Name}', row group {_rowGroup}, page {_page}: {detail}.");
        return inner is null
            ? new ParquetFormatException(message) { FilePath = _filePath, ColumnName = _column.Name, RowGroup = _rowGroup, Page = _page }
            : new ParquetFormatException(message, inner) { FilePath = _filePath, ColumnName = _column.Name, RowGroup = _rowGroup, Page = _page };
    }

    internal static string CodecName(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ when Enum.IsDefined(codec) => codec.ToString().ToUpperInvariant(),
        _ => "#" + ((int)codec).ToString(CultureInfo.InvariantCulture),
    };
}
