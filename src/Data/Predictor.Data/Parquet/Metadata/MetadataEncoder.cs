using Predictor.Data.Parquet.Thrift;

namespace Predictor.Data.Parquet.Metadata;

/// <summary>Encodes the footer and page headers the writer produces into the Thrift compact protocol.</summary>
internal static class MetadataEncoder
{
    public static byte[] Encode(FileMetaData m)
    {
        var w = new CompactWriter();
        w.BeginStruct();
        w.FieldI32(1, m.Version);
        w.FieldListBegin(2, CompactType.Struct, m.Schema.Count);
        foreach (var e in m.Schema) WriteSchemaElement(w, e);
        w.FieldI64(3, m.NumRows);
        w.FieldListBegin(4, CompactType.Struct, m.RowGroups.Count);
        foreach (var g in m.RowGroups) WriteRowGroup(w, g);
        if (m.KeyValueMetadata.Count > 0)
        {
            w.FieldListBegin(5, CompactType.Struct, m.KeyValueMetadata.Count);
            foreach (var kv in m.KeyValueMetadata)
            {
                w.BeginStruct();
                w.FieldString(1, kv.Key);
                if (kv.Value is not null) w.FieldString(2, kv.Value);
                w.EndStruct();
            }
        }
        if (m.CreatedBy is not null) w.FieldString(6, m.CreatedBy);
        // column_orders: TYPE_ORDER for every leaf, so readers trust min_value/max_value.
        int leaves = m.Schema.Count - 1;
        w.FieldListBegin(7, CompactType.Struct, leaves);
        for (int i = 0; i < leaves; i++)
        {
            w.BeginStruct();
            w.FieldStructBegin(1);
            w.EndStruct();
            w.EndStruct();
        }
        w.EndStruct();
        return w.WrittenSpan.ToArray();
    }

    public static byte[] Encode(PageHeader h)
    {
        var w = new CompactWriter();
        w.BeginStruct();
        w.FieldI32(1, (int)h.Type);
        w.FieldI32(2, h.UncompressedPageSize);
        w.FieldI32(3, h.CompressedPageSize);
        if (h.DataPageHeader is { } d)
        {
            w.FieldStructBegin(5);
            w.FieldI32(1, d.NumValues);
            w.FieldI32(2, (int)d.Encoding);
            w.FieldI32(3, (int)d.DefinitionLevelEncoding);
            w.FieldI32(4, (int)d.RepetitionLevelEncoding);
            w.EndStruct();
        }
        if (h.DataPageHeaderV2 is { } v2)
        {
            w.FieldStructBegin(8);
            w.FieldI32(1, v2.NumValues);
            w.FieldI32(2, v2.NumNulls);
            w.FieldI32(3, v2.NumRows);
            w.FieldI32(4, (int)v2.Encoding);
            w.FieldI32(5, v2.DefinitionLevelsByteLength);
            w.FieldI32(6, v2.RepetitionLevelsByteLength);
            w.FieldBool(7, v2.IsCompressed);
            w.EndStruct();
        }
        if (h.DictionaryPageHeader is { } dict)
        {
            w.FieldStructBegin(7);
            w.FieldI32(1, dict.NumValues);
            w.FieldI32(2, (int)dict.Encoding);
            w.EndStruct();
        }
        w.EndStruct();
        return w.WrittenSpan.ToArray();
    }

    private static void WriteSchemaElement(CompactWriter w, SchemaElement e)
    {
        w.BeginStruct();
        if (e.Type is { } type) w.FieldI32(1, (int)type);
        if (e.TypeLength is { } length) w.FieldI32(2, length);
        if (e.RepetitionType is { } repetition) w.FieldI32(3, (int)repetition);
        w.FieldString(4, e.Name);
        if (e.NumChildren is { } children) w.FieldI32(5, children);
        if (e.ConvertedType is { } converted) w.FieldI32(6, (int)converted);
        if (e.Scale is { } scale) w.FieldI32(7, scale);
        if (e.Precision is { } precision) w.FieldI32(8, precision);
        if (e.LogicalType is { } logical) WriteLogicalType(w, logical);
        w.EndStruct();
    }

    /// <summary>The LogicalType union (field 10 of SchemaElement): one member struct, named by its field id.</summary>
    private static void WriteLogicalType(CompactWriter w, LogicalTypeAnnotation logical)
    {
        w.FieldStructBegin(10);
        w.FieldStructBegin((short)logical.Kind);
        switch (logical.Kind)
        {
            case LogicalTypeKind.Decimal:
                w.FieldI32(1, logical.Scale);
                w.FieldI32(2, logical.Precision);
                break;
            case LogicalTypeKind.Time or LogicalTypeKind.Timestamp:
                w.FieldBool(1, logical.IsAdjustedToUtc);
                w.FieldStructBegin(2);
                w.FieldStructBegin((short)((int)logical.Unit + 1));
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                w.FieldByte(1, (sbyte)logical.BitWidth);
                w.FieldBool(2, logical.IsSigned);
                break;
        }
        w.EndStruct();
        w.EndStruct();
    }

    private static void WriteRowGroup(CompactWriter w, RowGroup g)
    {
        w.BeginStruct();
        w.FieldListBegin(1, CompactType.Struct, g.Columns.Count);
        foreach (var c in g.Columns) WriteColumnChunk(w, c);
        w.FieldI64(2, g.TotalByteSize);
        w.FieldI64(3, g.NumRows);
        if (g.FileOffset is { } offset) w.FieldI64(5, offset);
        if (g.TotalCompressedSize is { } compressed) w.FieldI64(6, compressed);
        if (g.Ordinal is { } ordinal)
        {
            w.FieldHeader(7, CompactType.I16);
            w.I32(ordinal);
        }
        w.EndStruct();
    }

    private static void WriteColumnChunk(CompactWriter w, ColumnChunk c)
    {
        w.BeginStruct();
        w.FieldI64(2, c.FileOffset);
        var m = c.MetaData!;
        w.FieldStructBegin(3);
        w.FieldI32(1, (int)m.Type);
        w.FieldListBegin(2, CompactType.I32, m.Encodings.Count);
        foreach (var e in m.Encodings) w.I32((int)e);
        w.FieldListBegin(3, CompactType.Binary, m.PathInSchema.Count);
        foreach (var p in m.PathInSchema) w.String(p);
        w.FieldI32(4, (int)m.Codec);
        w.FieldI64(5, m.NumValues);
        w.FieldI64(6, m.TotalUncompressedSize);
        w.FieldI64(7, m.TotalCompressedSize);
        w.FieldI64(9, m.DataPageOffset);
        if (m.DictionaryPageOffset is { } dictionary) w.FieldI64(11, dictionary);
        if (m.Statistics is { } s)
        {
            w.FieldStructBegin(12);
            if (s.Max is { } legacyMax) w.FieldBinary(1, legacyMax);
            if (s.Min is { } legacyMin) w.FieldBinary(2, legacyMin);
            if (s.NullCount is { } nulls) w.FieldI64(3, nulls);
            if (s.MaxValue is { } max) w.FieldBinary(5, max);
            if (s.MinValue is { } min) w.FieldBinary(6, min);
            w.EndStruct();
        }
        w.EndStruct();
        w.EndStruct();
    }
}
