using Predictor.Data.Parquet.Metadata;

namespace Predictor.Data.Parquet.Schema;

/// <summary>
/// One leaf column of a flat Parquet schema: its name, position, physical storage and logical meaning.
/// The logical type folds the legacy converted type into the newer annotation, so callers look in one place.
/// </summary>
public sealed class ParquetColumn
{
    public ParquetColumn(int index, string name, PhysicalType physicalType, int typeLength, bool isOptional, LogicalTypeAnnotation? logicalType)
    {
        Index = index;
        Name = name;
        PhysicalType = physicalType;
        TypeLength = typeLength;
        IsOptional = isOptional;
        LogicalType = logicalType;
    }

    /// <summary>0-based position among the file's columns (and in each row group's column chunks).</summary>
    public int Index { get; }

    public string Name { get; }

    public PhysicalType PhysicalType { get; }

    /// <summary>Byte length of FIXED_LEN_BYTE_ARRAY values; 0 for other types.</summary>
    public int TypeLength { get; }

    /// <summary>True when the column may hold nulls (definition level 1 marks a value).</summary>
    public bool IsOptional { get; }

    public LogicalTypeAnnotation? LogicalType { get; }

    /// <summary>True for text columns (STRING, ENUM, JSON annotations).</summary>
    public bool IsString => LogicalType?.Kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json;

    /// <summary>A short description such as <c>INT64 TIMESTAMP(MICROS) OPTIONAL</c>, for inspection output.</summary>
    public string Describe()
    {
        string physical = PhysicalType switch
        {
            PhysicalType.FixedLenByteArray => $"FIXED_LEN_BYTE_ARRAY({TypeLength})",
            PhysicalType.ByteArray => "BYTE_ARRAY",
            _ => PhysicalType.ToString().ToUpperInvariant(),
        };
        string logical = LogicalType switch
        {
            null => "",
            { Kind: LogicalTypeKind.Decimal } d => $" DECIMAL({d.Precision},{d.Scale})",
            { Kind: LogicalTypeKind.Timestamp or LogicalTypeKind.Time } t => $" {t.Kind.ToString().ToUpperInvariant()}({t.Unit.ToString().ToUpperInvariant()})",
            { Kind: LogicalTypeKind.Integer } i => $" {(i.IsSigned ? "INT" : "UINT")}_{i.BitWidth}",
            var other => " " + other.Kind.ToString().ToUpperInvariant(),
        };
        return physical + logical + (IsOptional ? " OPTIONAL" : " REQUIRED");
    }
}
