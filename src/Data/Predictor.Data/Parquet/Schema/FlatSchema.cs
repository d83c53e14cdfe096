using System.Globalization;
using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Schema;

/// <summary>
/// Turns the footer's schema tree into the list of leaf columns of a flat schema. Nested and repeated
/// fields are refused with a clear error rather than read wrongly.
/// </summary>
internal static class FlatSchema
{
    public static IReadOnlyList<ParquetColumn> Build(IReadOnlyList<SchemaElement> elements, string filePath)
    {
        if (elements.Count == 0) throw new ParquetFormatException($"Parquet file '{filePath}' has an empty schema.") { FilePath = filePath };
        int children = elements[0].NumChildren ?? 0;
        if (children != elements.Count - 1)
        {
            if (elements.Skip(1).Any(e => e.NumChildren > 0))
                throw new ParquetUnsupportedException($"Parquet file '{filePath}' has a nested schema; only flat schemas are supported.") { FilePath = filePath };
            throw new ParquetFormatException($"Parquet file '{filePath}': the schema root declares {children} columns but {elements.Count - 1} follow.") { FilePath = filePath };
        }
        var columns = new ParquetColumn[children];
        for (int i = 0; i < children; i++)
        {
            var e = elements[i + 1];
            if (e.NumChildren > 0 || e.Type is null)
                throw new ParquetUnsupportedException($"Parquet file '{filePath}': column '{e.Name}' is a nested group; only flat schemas are supported.") { FilePath = filePath, ColumnName = e.Name };
            if (e.RepetitionType == Repetition.Repeated)
                throw new ParquetUnsupportedException($"Parquet file '{filePath}': column '{e.Name}' is REPEATED; only flat schemas are supported.") { FilePath = filePath, ColumnName = e.Name };
            if (!Enum.IsDefined(e.Type.Value))
                throw new ParquetFormatException($"Parquet file '{filePath}': column '{e.Name}' has unknown physical type {(int)e.Type.Value}.") { FilePath = filePath, ColumnName = e.Name };
            int typeLength = 0;
            if (e.Type == PhysicalType.FixedLenByteArray)
            {
                typeLength = e.TypeLength ?? 0;
                if (typeLength is <= 0 or > 1 << 20)
                    throw new ParquetFormatException($"Parquet file '{filePath}': column '{e.Name}' has FIXED_LEN_BYTE_ARRAY length {typeLength.ToString(CultureInfo.InvariantCulture)}.") { FilePath = filePath, ColumnName = e.Name };
            }
            columns[i] = new ParquetColumn(i, e.Name, e.Type.Value, typeLength, e.RepetitionType != Repetition.Required, Logical(e));
        }
        return columns;
    }

    /// <summary>The logical annotation, or the one implied by the legacy converted type when there is none.</summary>
    private static LogicalTypeAnnotation? Logical(SchemaElement e)
    {
        if (e.LogicalType is not null) return e.LogicalType;
        return e.ConvertedType switch
        {
            ConvertedType.Utf8 => new LogicalTypeAnnotation(LogicalTypeKind.String),
            ConvertedType.Enum => new LogicalTypeAnnotation(LogicalTypeKind.Enum),
            ConvertedType.Json => new LogicalTypeAnnotation(LogicalTypeKind.Json),
            ConvertedType.Bson => new LogicalTypeAnnotation(LogicalTypeKind.Bson),
            ConvertedType.Decimal => new LogicalTypeAnnotation(LogicalTypeKind.Decimal) { Scale = e.Scale ?? 0, Precision = e.Precision ?? 0 },
            ConvertedType.Date => new LogicalTypeAnnotation(LogicalTypeKind.Date),
            ConvertedType.TimeMillis => new LogicalTypeAnnotation(LogicalTypeKind.Time) { Unit = TimeUnit.Millis, IsAdjustedToUtc = true },
            ConvertedType.TimeMicros => new LogicalTypeAnnotation(LogicalTypeKind.Time) { Unit = TimeUnit.Micros, IsAdjustedToUtc = true },
            ConvertedType.TimestampMillis => new LogicalTypeAnnotation(LogicalTypeKind.Timestamp) { Unit = TimeUnit.Millis, IsAdjustedToUtc = true },
            ConvertedType.TimestampMicros => new LogicalTypeAnnotation(LogicalTypeKind.Timestamp) { Unit = TimeUnit.Micros, IsAdjustedToUtc = true },
            ConvertedType.UInt8 => Int(8, false),
            ConvertedType.UInt16 => Int(16, false),
            ConvertedType.UInt32 => Int(32, false),
            ConvertedType.UInt64 => Int(64, false),
            ConvertedType.Int8 => Int(8, true),
            ConvertedType.Int16 => Int(16, true),
            ConvertedType.Int32 => Int(32, true),
            ConvertedType.Int64 => Int(64, true),
            _ => null,
        };
    }

    private static LogicalTypeAnnotation Int(int bits, bool signed) =>
        new(LogicalTypeKind.Integer) { BitWidth = bits, IsSigned = signed };
}
