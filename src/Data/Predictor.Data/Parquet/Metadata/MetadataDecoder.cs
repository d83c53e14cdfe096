using Predictor.Data.Parquet.Thrift;

namespace Predictor.Data.Parquet.Metadata;

/// <summary>
/// Decodes parquet.thrift structures from the compact protocol. Unknown fields, and unknown members of
/// unions such as <c>LogicalType</c>, are skipped so files from newer writers still read.
/// </summary>
internal static class MetadataDecoder
{
    public static FileMetaData ReadFileMetaData(ReadOnlySpan<byte> data)
    {
        var r = new CompactReader(data);
        var m = new FileMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Version = r.ReadI32(); break;
                case 2 when type == CompactType.List: ReadList(ref r, m.Schema, ReadSchemaElement); break;
                case 3 when type == CompactType.I64: m.NumRows = r.ReadI64(); break;
                case 4 when type == CompactType.List: ReadList(ref r, m.RowGroups, ReadRowGroup); break;
                case 5 when type == CompactType.List: ReadList(ref r, m.KeyValueMetadata, ReadKeyValue); break;
                case 6 when type == CompactType.Binary: m.CreatedBy = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return m;
    }

    /// <summary>Reads a page header from the front of <paramref name="data"/>; <paramref name="length"/> is its encoded size.</summary>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> data, out int length)
    {
        var r = new CompactReader(data);
        var h = new PageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.Type = (PageType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.UncompressedPageSize = r.ReadI32(); break;
                case 3 when type == CompactType.I32: h.CompressedPageSize = r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.Crc = r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.DataPageHeader = ReadDataPageHeader(ref r); break;
                case 7 when type == CompactType.Struct: h.DictionaryPageHeader = ReadDictionaryPageHeader(ref r); break;
                case 8 when type == CompactType.Struct: h.DataPageHeaderV2 = ReadDataPageHeaderV2(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        length = r.Position;
        return h;
    }

    private delegate T ElementReader<T>(ref CompactReader r);

    private static void ReadList<T>(ref CompactReader r, List<T> into, ElementReader<T> read)
    {
        int n = r.ReadListHeader(out var elementType);
        if (elementType != CompactType.Struct)
            throw new ThriftException($"expected a list of structures, found element type {elementType}");
        for (int i = 0; i < n; i++) into.Add(read(ref r));
    }

    private static SchemaElement ReadSchemaElement(ref CompactReader r)
    {
        var e = new SchemaElement();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when type == CompactType.I32: e.RepetitionType = (Repetition)r.ReadI32(); break;
                case 4 when type == CompactType.Binary: e.Name = r.ReadString(); break;
                case 5 when type == CompactType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when type == CompactType.I32: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7 when type == CompactType.I32: e.Scale = r.ReadI32(); break;
                case 8 when type == CompactType.I32: e.Precision = r.ReadI32(); break;
                case 9 when type == CompactType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when type == CompactType.Struct: e.LogicalType = ReadLogicalType(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return e;
    }

    /// <summary>Reads the LogicalType union; returns null for a member this reader does not know (it is skipped).</summary>
    private static LogicalTypeAnnotation? ReadLogicalType(ref CompactReader r)
    {
        LogicalTypeAnnotation? result = null;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            if (type != CompactType.Struct || !Enum.IsDefined((LogicalTypeKind)id))
            {
                r.Skip(type);
                continue;
            }
            var kind = (LogicalTypeKind)id;
            result = kind switch
            {
                LogicalTypeKind.Decimal => ReadDecimalType(ref r),
                LogicalTypeKind.Time or LogicalTypeKind.Timestamp => ReadTimeType(ref r, kind),
                LogicalTypeKind.Integer => ReadIntType(ref r),
                _ => SkipEmpty(ref r, kind),
            };
        }
        r.LeaveStruct();
        return result;
    }

    private static LogicalTypeAnnotation SkipEmpty(ref CompactReader r, LogicalTypeKind kind)
    {
        r.Skip(CompactType.Struct);
        return new LogicalTypeAnnotation(kind);
    }

    private static LogicalTypeAnnotation ReadDecimalType(ref CompactReader r)
    {
        int scale = 0, precision = 0;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            if (id == 1 && type == CompactType.I32) scale = r.ReadI32();
            else if (id == 2 && type == CompactType.I32) precision = r.ReadI32();
            else r.Skip(type);
        }
        r.LeaveStruct();
        return new LogicalTypeAnnotation(LogicalTypeKind.Decimal) { Scale = scale, Precision = precision };
    }

    private static LogicalTypeAnnotation ReadTimeType(ref CompactReader r, LogicalTypeKind kind)
    {
        bool utc = false;
        TimeUnit? unit = null;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            if (id == 1 && type is CompactType.BooleanTrue or CompactType.BooleanFalse) utc = CompactReader.ReadBoolField(type);
            else if (id == 2 && type == CompactType.Struct) unit = ReadTimeUnit(ref r);
            else r.Skip(type);
        }
        r.LeaveStruct();
        if (unit is null) throw new ThriftException($"{kind} logical type without a known time unit");
        return new LogicalTypeAnnotation(kind) { IsAdjustedToUtc = utc, Unit = unit.Value };
    }

    private static TimeUnit? ReadTimeUnit(ref CompactReader r)
    {
        TimeUnit? unit = null;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            if (type == CompactType.Struct && id is >= 1 and <= 3) unit = (TimeUnit)(id - 1);
            r.Skip(type);
        }
        r.LeaveStruct();
        return unit;
    }

    private static LogicalTypeAnnotation ReadIntType(ref CompactReader r)
    {
        int bitWidth = 0;
        bool signed = true;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            if (id == 1 && type == CompactType.Byte) bitWidth = (sbyte)r.ReadByte();
            else if (id == 2 && type is CompactType.BooleanTrue or CompactType.BooleanFalse) signed = CompactReader.ReadBoolField(type);
            else r.Skip(type);
        }
        r.LeaveStruct();
        if (bitWidth is not (8 or 16 or 32 or 64)) throw new ThriftException($"integer logical type with bit width {bitWidth}");
        return new LogicalTypeAnnotation(LogicalTypeKind.Integer) { BitWidth = bitWidth, IsSigned = signed };
    }

    private static KeyValuePair<string, string?> ReadKeyValue(ref CompactReader r)
    {
        string key = "";
        string? value = null;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            if (id == 1 && type == CompactType.Binary) key = r.ReadString();
            else if (id == 2 && type == CompactType.Binary) value = r.ReadString();
            else r.Skip(type);
        }
        r.LeaveStruct();
        return new KeyValuePair<string, string?>(key, value);
    }

    private static RowGroup ReadRowGroup(ref CompactReader r)
    {
        var g = new RowGroup();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.List: ReadList(ref r, g.Columns, ReadColumnChunk); break;
                case 2 when type == CompactType.I64: g.TotalByteSize = r.ReadI64(); break;
                case 3 when type == CompactType.I64: g.NumRows = r.ReadI64(); break;
                case 5 when type == CompactType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when type == CompactType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I16: g.Ordinal = r.ReadI16(); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return g;
    }

    private static ColumnChunk ReadColumnChunk(ref CompactReader r)
    {
        var c = new ColumnChunk();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when type == CompactType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when type == CompactType.Struct: c.MetaData = ReadColumnMetaData(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return c;
    }

    private static ColumnMetaData ReadColumnMetaData(ref CompactReader r)
    {
        var m = new ColumnMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when type == CompactType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++) m.Encodings.Add((ParquetEncoding)r.ReadI32());
                        break;
                    }
                case 3 when type == CompactType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++) m.PathInSchema.Add(r.ReadString());
                        break;
                    }
                case 4 when type == CompactType.I32: m.Codec = (CompressionCodec)r.ReadI32(); break;
                case 5 when type == CompactType.I64: m.NumValues = r.ReadI64(); break;
                case 6 when type == CompactType.I64: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I64: m.TotalCompressedSize = r.ReadI64(); break;
                case 9 when type == CompactType.I64: m.DataPageOffset = r.ReadI64(); break;
                case 10 when type == CompactType.I64: m.IndexPageOffset = r.ReadI64(); break;
                case 11 when type == CompactType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when type == CompactType.Struct: m.Statistics = ReadStatistics(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return m;
    }

    private static Statistics ReadStatistics(ref CompactReader r)
    {
        var s = new Statistics();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: s.Max = r.ReadBinary(); break;
                case 2 when type == CompactType.Binary: s.Min = r.ReadBinary(); break;
                case 3 when type == CompactType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when type == CompactType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when type == CompactType.Binary: s.MaxValue = r.ReadBinary(); break;
                case 6 when type == CompactType.Binary: s.MinValue = r.ReadBinary(); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return s;
    }

    private static DataPageHeader ReadDataPageHeader(ref CompactReader r)
    {
        var h = new DataPageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when type == CompactType.I32: h.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.Statistics = ReadStatistics(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return h;
    }

    private static DictionaryPageHeader ReadDictionaryPageHeader(ref CompactReader r)
    {
        var h = new DictionaryPageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsSorted = CompactReader.ReadBoolField(type); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return h;
    }

    private static DataPageHeaderV2 ReadDataPageHeaderV2(ref CompactReader r)
    {
        var h = new DataPageHeaderV2();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.NumNulls = r.ReadI32(); break;
                case 3 when type == CompactType.I32: h.NumRows = r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when type == CompactType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6 when type == CompactType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsCompressed = CompactReader.ReadBoolField(type); break;
                case 8 when type == CompactType.Struct: h.Statistics = ReadStatistics(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.LeaveStruct();
        return h;
    }
}
