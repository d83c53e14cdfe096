using System.Buffers;
using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Reads one Parquet column, row group by row group, into a preallocated table column. The mapping: BOOLEAN to
/// <see cref="BooleanColumn"/>; integers, floats, doubles and decimals to <see cref="NumericColumn"/> (INT64 beyond
/// 2^53 and decimals beyond 15-17 digits round to the nearest double); strings to <see cref="CategoricalColumn"/>
/// when the file records the column's levels (files written by <see cref="ParquetTableWriter"/>), otherwise to
/// <see cref="TextColumn"/>; DATE, TIMESTAMP, INT96 and TIME to ISO-8601 text (100 ns precision); UUID to its text;
/// other binary to lowercase hex text. Reads go through Parquet.Net's column API (no row objects).
/// </summary>
internal abstract class ColumnFill
{
    protected ColumnFill(DataField field, string filePath, int rows)
    {
        Field = field;
        FilePath = filePath;
        Rows = rows;
    }

    protected DataField Field { get; }

    protected string FilePath { get; }

    protected int Rows { get; }

    public static ColumnFill For(DataField field, CategoricalLevels.Entry? levels, string filePath, int rows)
    {
        var type = field.ClrType;
        if (levels is not null)
        {
            if (!IsString(type))
                throw new ParquetFormatException($"Parquet file '{filePath}': column '{field.Name}' has categorical levels but is not a string column.") { FilePath = filePath, ColumnName = field.Name };
            return new CategoricalFill(field, levels, filePath, rows);
        }
        if (type == typeof(double)) return new RawNumericFill<double>(field, filePath, rows);
        if (type == typeof(bool)) return new BooleanFill(field, filePath, rows);
        if (IsString(type)) return new TextFill(field, filePath, rows);
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>)) return new BinaryFill(field, filePath, rows);
        return type switch
        {
            _ when type == typeof(float) => new RawNumericFill<float>(field, filePath, rows),
            _ when type == typeof(long) => new RawNumericFill<long>(field, filePath, rows),
            _ when type == typeof(int) => new RawNumericFill<int>(field, filePath, rows),
            _ when type == typeof(short) => new RawNumericFill<short>(field, filePath, rows),
            _ when type == typeof(sbyte) => new RawNumericFill<sbyte>(field, filePath, rows),
            _ when type == typeof(byte) => new RawNumericFill<byte>(field, filePath, rows),
            _ when type == typeof(ushort) => new RawNumericFill<ushort>(field, filePath, rows),
            _ when type == typeof(uint) => new RawNumericFill<uint>(field, filePath, rows),
            _ when type == typeof(ulong) => new RawNumericFill<ulong>(field, filePath, rows),
            _ when type == typeof(decimal) => new NumericFill<decimal>(field, filePath, rows),
            _ when type == typeof(Half) => new NumericFill<Half>(field, filePath, rows),
            _ when type == typeof(BigInteger) => new NumericFill<BigInteger>(field, filePath, rows),
            _ when type == typeof(DateOnly) => new FormattedFill<DateOnly>(field, filePath, rows, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ when type == typeof(DateTime) => new FormattedFill<DateTime>(field, filePath, rows, Timestamp),
            _ when type == typeof(DateTimeOffset) => new FormattedFill<DateTimeOffset>(field, filePath, rows, d => Timestamp(d.UtcDateTime)),
            _ when type == typeof(TimeOnly) => new FormattedFill<TimeOnly>(field, filePath, rows, t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')),
            _ when type == typeof(TimeSpan) => new FormattedFill<TimeSpan>(field, filePath, rows, t => t.ToString("c", CultureInfo.InvariantCulture)),
            _ when type == typeof(Guid) => new FormattedFill<Guid>(field, filePath, rows, g => g.ToString("D", CultureInfo.InvariantCulture)),
            _ => throw new ParquetUnsupportedException($"Parquet file '{filePath}': column '{field.Name}' has a type ({type.Name}) that has no table equivalent.") { FilePath = filePath, ColumnName = field.Name },
        };
    }

    /// <summary>Reads row group <paramref name="group"/>'s values of this column into rows [offset, offset + count).</summary>
    public void Fill(ParquetRowGroupReader reader, int group, int offset, int count)
    {
        ParquetErrors.Guard(FilePath, () =>
        {
            if (reader.RowCount != count)
                throw new InvalidDataException($"the row group declares {count} rows in one place and {reader.RowCount} in another");
            FillAsync(reader, offset, count).AsTask().GetAwaiter().GetResult();
            return 0;
        }, group, Field.Name);
    }

    public abstract Column Build();

    protected abstract ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count);

    private static bool IsString(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static string Timestamp(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Unspecified).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    /// <summary>
    /// Definition levels say which rows hold a value; the values come packed (present rows only). Spreads them out
    /// in place from the back so no second buffer is needed, writing <paramref name="missing"/> into null rows.
    /// </summary>
    protected static void Spread<T>(Span<T> target, ReadOnlySpan<int> definitions, int maxDefinition, T missing)
    {
        int present = 0;
        foreach (int d in definitions)
        {
            if (d == maxDefinition) present++;
        }
        int v = present - 1;
        for (int row = target.Length - 1; row >= 0; row--)
            target[row] = definitions[row] == maxDefinition ? target[v--] : missing;
    }

    /// <summary>
    /// Fixed-width numbers through the raw column API: packed present values plus definition levels, spread into
    /// rows with NaN for nulls (Parquet.Net's nullable read dropped values after the first page of some chunks).
    /// </summary>
    private sealed class RawNumericFill<T>(DataField field, string filePath, int rows) : ColumnFill(field, filePath, rows)
        where T : unmanaged, INumberBase<T>
    {
        private readonly double[] _values = new double[rows];

        protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
        {
            var target = _values.AsMemory(offset, count);
            // A flat OPTIONAL column has definition level 1 for a present value (the field may not carry its level yet).
            bool optional = Field.IsNullable;
            int max = Math.Max(1, Field.MaxDefinitionLevel);
            // Parquet.Net asks for a levels buffer even for some REQUIRED columns; one is always passed.
            int[] definitions = ArrayPool<int>.Shared.Rent(count);
            T[]? buffer = typeof(T) == typeof(double) ? null : ArrayPool<T>.Shared.Rent(count);
            try
            {
                Memory<int>? levels = definitions.AsMemory(0, count);
                if (buffer is null)
                {
                    // Doubles decode straight into the column, then spread out in place.
                    await reader.ReadRawAsync(Field, target, levels, null).ConfigureAwait(false);
                    if (optional) Spread(target.Span, definitions.AsSpan(0, count), max, double.NaN);
                    return;
                }
                await reader.ReadRawAsync(Field, buffer.AsMemory(0, count), levels, null).ConfigureAwait(false);
                var span = target.Span;
                int v = 0;
                for (int i = 0; i < count; i++)
                    span[i] = !optional || definitions[i] == max ? double.CreateSaturating(buffer[v++]) : double.NaN;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(definitions);
                if (buffer is not null) ArrayPool<T>.Shared.Return(buffer);
            }
        }

        public override Column Build() => new NumericColumn(Field.Name, _values);
    }

    /// <summary>Numbers Parquet.Net only hands out as objects of their logical type (decimals), through its nullable read.</summary>
    private sealed class NumericFill<T>(DataField field, string filePath, int rows) : ColumnFill(field, filePath, rows)
        where T : struct, INumberBase<T>
    {
        private readonly double[] _values = new double[rows];

        protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
        {
            var buffer = ArrayPool<T?>.Shared.Rent(count);
            try
            {
                await reader.ReadAsync(Field, buffer.AsMemory(0, count), null).ConfigureAwait(false);
                var target = _values.AsSpan(offset, count);
                for (int i = 0; i < count; i++) target[i] = buffer[i] is { } v ? double.CreateSaturating(v) : double.NaN;
            }
            finally
            {
                ArrayPool<T?>.Shared.Return(buffer);
            }
        }

        public override Column Build() => new NumericColumn(Field.Name, _values);
    }

    /// <summary>Booleans through the raw column API, like <see cref="RawNumericFill{T}"/>: packed values plus definition levels.</summary>
    private sealed class BooleanFill(DataField field, string filePath, int rows) : ColumnFill(field, filePath, rows)
    {
        private readonly byte[] _values = new byte[rows];

        protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
        {
            bool optional = Field.IsNullable;
            int max = Math.Max(1, Field.MaxDefinitionLevel);
            int[] definitions = ArrayPool<int>.Shared.Rent(count);
            bool[] buffer = ArrayPool<bool>.Shared.Rent(count);
            try
            {
                await reader.ReadRawAsync(Field, buffer.AsMemory(0, count), definitions.AsMemory(0, count), null).ConfigureAwait(false);
                var target = _values.AsSpan(offset, count);
                int v = 0;
                for (int i = 0; i < count; i++)
                    target[i] = !optional || definitions[i] == max ? (buffer[v++] ? (byte)1 : (byte)0) : BooleanColumn.Missing;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(definitions);
                ArrayPool<bool>.Shared.Return(buffer);
            }
        }

        public override Column Build() => new BooleanColumn(Field.Name, _values);
    }

    private sealed class BinaryFill(DataField field, string filePath, int rows) : ColumnFill(field, filePath, rows)
    {
        private readonly string?[] _values = new string?[rows];

        protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
        {
            var buffer = new byte[]?[count];
            await reader.ReadAsync(Field, buffer.AsMemory()!, null).ConfigureAwait(false);
            for (int i = 0; i < count; i++) _values[offset + i] = buffer[i] is { } bytes ? Convert.ToHexStringLower(bytes) : null;
        }

        public override Column Build() => new TextColumn(Field.Name, _values);
    }

    private sealed class FormattedFill<T>(DataField field, string filePath, int rows, Func<T, string> format) : ColumnFill(field, filePath, rows)
        where T : struct
    {
        private readonly string?[] _values = new string?[rows];

        protected override async ValueTask FillAsync(ParquetRowGroupReader reader, int offset, int count)
        {
            var buffer = ArrayPool<T?>.Shared.Rent(count);
            try
            {
                await reader.ReadAsync(Field, buffer.AsMemory(0, count), null).ConfigureAwait(false);
                for (int i = 0; i < count; i++) _values[offset + i] = buffer[i] is { } v ? format(v) : null;
            }
            finally
            {
                ArrayPool<T?>.Shared.Return(buffer);
            }
        }

        public override Column Build() => new TextColumn(Field.Name, _values);
    }
}
