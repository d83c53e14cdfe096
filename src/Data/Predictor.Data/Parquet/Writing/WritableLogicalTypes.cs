using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// The logical types the writer annotates columns with, checked against the physical type, and the legacy
/// converted type written beside each so that readers predating logical types (older pyarrow, Spark 2) agree.
/// </summary>
internal static class WritableLogicalTypes
{
    /// <summary>Fills the schema element's annotations for <paramref name="column"/>, or throws when the writer cannot write them.</summary>
    public static void Annotate(SchemaElement element, ParquetColumn column)
    {
        if (column.LogicalType is not { } logical) return;
        if (!Fits(logical, column.PhysicalType))
            throw new NotSupportedException($"Column '{column.Name}': the writer does not write {column.Describe()} (supported: STRING, ENUM and JSON on BYTE_ARRAY; INT(8/16/32, signed or not) on INT32; INT(64) on INT64; DATE on INT32; TIME(MILLIS) on INT32; TIME(MICROS/NANOS) and TIMESTAMP on INT64; DECIMAL on INT32 (precision 1-9) or INT64 (precision 1-18)).");
        element.LogicalType = logical;
        element.ConvertedType = Converted(logical);
        if (logical.Kind == LogicalTypeKind.Decimal)
        {
            element.Scale = logical.Scale;
            element.Precision = logical.Precision;
        }
    }

    private static bool Fits(LogicalTypeAnnotation logical, PhysicalType physical) => logical.Kind switch
    {
        LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json => physical == PhysicalType.ByteArray,
        LogicalTypeKind.Integer => logical.BitWidth is 8 or 16 or 32 ? physical == PhysicalType.Int32 : logical.BitWidth == 64 && physical == PhysicalType.Int64,
        LogicalTypeKind.Date => physical == PhysicalType.Int32,
        LogicalTypeKind.Time => physical == (logical.Unit == TimeUnit.Millis ? PhysicalType.Int32 : PhysicalType.Int64),
        LogicalTypeKind.Timestamp => physical == PhysicalType.Int64,
        LogicalTypeKind.Decimal => logical.Scale >= 0 && logical.Scale <= logical.Precision && physical switch
        {
            PhysicalType.Int32 => logical.Precision is >= 1 and <= 9,
            PhysicalType.Int64 => logical.Precision is >= 1 and <= 18,
            _ => false,
        },
        _ => false,
    };

    /// <summary>The equivalent converted type; none for what has no exact one (NANOS units, local-time TIME/TIMESTAMP).</summary>
    private static ConvertedType? Converted(LogicalTypeAnnotation logical) => logical.Kind switch
    {
        LogicalTypeKind.String => ConvertedType.Utf8,
        LogicalTypeKind.Enum => ConvertedType.Enum,
        LogicalTypeKind.Json => ConvertedType.Json,
        LogicalTypeKind.Date => ConvertedType.Date,
        LogicalTypeKind.Decimal => ConvertedType.Decimal,
        LogicalTypeKind.Integer => (logical.BitWidth, logical.IsSigned) switch
        {
            (8, true) => ConvertedType.Int8,
            (16, true) => ConvertedType.Int16,
            (32, true) => ConvertedType.Int32,
            (64, true) => ConvertedType.Int64,
            (8, false) => ConvertedType.UInt8,
            (16, false) => ConvertedType.UInt16,
            (32, false) => ConvertedType.UInt32,
            _ => ConvertedType.UInt64,
        },
        LogicalTypeKind.Time when logical.IsAdjustedToUtc && logical.Unit == TimeUnit.Millis => ConvertedType.TimeMillis,
        LogicalTypeKind.Time when logical.IsAdjustedToUtc && logical.Unit == TimeUnit.Micros => ConvertedType.TimeMicros,
        LogicalTypeKind.Timestamp when logical.IsAdjustedToUtc && logical.Unit == TimeUnit.Millis => ConvertedType.TimestampMillis,
        LogicalTypeKind.Timestamp when logical.IsAdjustedToUtc && logical.Unit == TimeUnit.Micros => ConvertedType.TimestampMicros,
        _ => null,
    };
}
