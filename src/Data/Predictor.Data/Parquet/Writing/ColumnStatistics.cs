using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// A column chunk's statistics. min_value/max_value follow the column's type-defined sort order (the footer declares
/// TYPE_ORDER for every column); the deprecated min/max fields, which old readers compare as signed values, are
/// written only where signed order is that same order (booleans, signed integers, floating point).
/// </summary>
internal static class ColumnStatistics
{
    public static Statistics Of(ColumnValues values, long nullCount, ParquetColumn column)
    {
        var (min, max) = values.MinMax();
        bool signedOrderIsTypeOrder = column.PhysicalType is PhysicalType.Boolean or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double
            && column.LogicalType is not { Kind: LogicalTypeKind.Integer, IsSigned: false };
        return new Statistics
        {
            NullCount = nullCount,
            MinValue = min,
            MaxValue = max,
            Min = signedOrderIsTypeOrder ? min : null,
            Max = signedOrderIsTypeOrder ? max : null,
        };
    }
}
