using System.Buffers;
using Parquet;
using Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>One row group's slice of a table column handed to Parquet.Net as nullable values (missing cells become nulls).</summary>
internal static class ColumnWrite
{
    public static async Task WriteAsync(ParquetRowGroupWriter group, DataField field, Column column, int start, int rows)
    {
        switch (column)
        {
            case NumericColumn numeric when field.ClrType == typeof(long):
                await WriteNullable(group, field, rows, i => Whole(numeric, start + i)).ConfigureAwait(false);
                break;
            case NumericColumn numeric:
                await WriteNullable<double>(group, field, rows, i => double.IsNaN(numeric[start + i]) ? null : numeric[start + i]).ConfigureAwait(false);
                break;
            case BooleanColumn boolean:
                await WriteNullable(group, field, rows, i => boolean[start + i]).ConfigureAwait(false);
                break;
            case CategoricalColumn categorical:
                await group.WriteAsync(field, Strings(rows, i => categorical[start + i])).ConfigureAwait(false);
                break;
            case TextColumn text:
                await group.WriteAsync(field, text.Values.Slice(start, rows).ToArray()!).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet.");
        }
    }

    private static long? Whole(NumericColumn column, int row)
    {
        double v = column[row];
        if (double.IsNaN(v)) return null;
        if (v != Math.Floor(v) || Math.Abs(v) > 9_007_199_254_740_992)
            throw new ArgumentException($"Column '{column.Name}' row {row + 1} holds {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, not a whole number, so it cannot be written as an integer column.");
        return (long)v;
    }

    private static string?[] Strings(int rows, Func<int, string?> value)
    {
        var values = new string?[rows];
        for (int i = 0; i < rows; i++) values[i] = value(i);
        return values;
    }

    private static async Task WriteNullable<T>(ParquetRowGroupWriter group, DataField field, int rows, Func<int, T?> value) where T : struct
    {
        var buffer = ArrayPool<T?>.Shared.Rent(rows);
        try
        {
            for (int i = 0; i < rows; i++) buffer[i] = value(i);
            await group.WriteAsync<T>(field, buffer.AsMemory(0, rows)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<T?>.Shared.Return(buffer);
        }
    }
}
