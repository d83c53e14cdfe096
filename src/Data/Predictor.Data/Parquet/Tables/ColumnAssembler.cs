using System.Globalization;
using System.Text;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Collects one Parquet column, row group after row group, into one <see cref="Column"/> of a <see cref="DataTable"/>.
/// The mapping: BOOLEAN to <see cref="BooleanColumn"/>; integers, floats, doubles and DECIMAL to
/// <see cref="NumericColumn"/> (INT64 beyond 2^53 and decimals beyond 15-17 digits round to the nearest double);
/// strings to <see cref="CategoricalColumn"/> when the file records the column's levels (files written by
/// <see cref="ParquetTableWriter"/>), otherwise to <see cref="TextColumn"/>; DATE and TIMESTAMP/INT96 to
/// ISO-8601 text (timestamps at 100 ns precision); other binary to lowercase hex text.
/// </summary>
internal abstract class ColumnAssembler
{
    protected ColumnAssembler(ParquetColumn column) => Source = column;

    protected ParquetColumn Source { get; }

    public int Length { get; private set; }

    public static ColumnAssembler For(ParquetColumn column, CategoricalLevels.Entry? levels, string filePath)
    {
        var logical = column.LogicalType;
        if (levels is not null)
        {
            if (column.PhysicalType != PhysicalType.ByteArray)
                throw new ParquetFormatException($"Parquet file '{filePath}': column '{column.Name}' has categorical levels but is not a string column.") { FilePath = filePath, ColumnName = column.Name };
            return new CategoricalAssembler(column, levels, filePath);
        }
        if (logical?.Kind is LogicalTypeKind.Date or LogicalTypeKind.Timestamp || column.PhysicalType == PhysicalType.Int96)
            return new TextAssembler(column, TemporalText);
        if (logical?.Kind == LogicalTypeKind.Decimal) return new NumericAssembler(column);
        return column.PhysicalType switch
        {
            PhysicalType.Boolean => new BooleanAssembler(column),
            PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double => new NumericAssembler(column),
            _ when column.IsString => new TextAssembler(column, (d, r) => ((ParquetBinaryColumnData)d).GetString(r)),
            _ => new TextAssembler(column, (d, r) => Convert.ToHexStringLower(((ParquetBinaryColumnData)d).GetBytes(r))),
        };
    }

    /// <summary>Allocates room for <paramref name="rows"/> rows up front (a hint; appends beyond it still grow).</summary>
    public void Reserve(int rows) => EnsureCapacity(rows);

    /// <summary>Appends a row group's values.</summary>
    public void Append(ParquetColumnData data)
    {
        EnsureCapacity(Length + data.RowCount);
        Fill(data, Length);
        Length += data.RowCount;
    }

    public abstract Column Build();

    protected abstract void EnsureCapacity(int rows);

    protected abstract void Fill(ParquetColumnData data, int offset);

    protected static int Grown(int current, int needed) => (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * current));

    private static string TemporalText(ParquetColumnData data, int row)
    {
        if (data.Column.LogicalType?.Kind == LogicalTypeKind.Date)
        {
            long dayNumber = (long)DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + ParquetValues.DateDays(data, row);
            if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
                throw new ParquetFormatException($"Column '{data.Column.Name}' holds a date outside years 1-9999.") { ColumnName = data.Column.Name };
            return DateOnly.FromDayNumber((int)dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        var nanos = ParquetValues.TimestampNanoseconds(data, row);
        var ticks = nanos / 100 + DateTime.UnixEpoch.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            throw new ParquetFormatException($"Column '{data.Column.Name}' holds a timestamp outside years 1-9999.") { ColumnName = data.Column.Name };
        return new DateTime((long)ticks, DateTimeKind.Unspecified).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }

    private sealed class NumericAssembler(ParquetColumn column) : ColumnAssembler(column)
    {
        private double[] _values = [];

        protected override void EnsureCapacity(int rows)
        {
            if (rows > _values.Length) Array.Resize(ref _values, Grown(_values.Length, rows));
        }

        protected override void Fill(ParquetColumnData data, int offset)
        {
            var target = _values.AsSpan(offset, data.RowCount);
            int scale = data.Column.LogicalType is { Kind: LogicalTypeKind.Decimal } d ? d.Scale : 0;
            bool unsigned = data.Column.LogicalType is { Kind: LogicalTypeKind.Integer, IsSigned: false };
            switch (data)
            {
                case ParquetColumnData<double> v when scale == 0:
                    v.Values.AsSpan(0, data.RowCount).CopyTo(target);
                    break;
                case ParquetColumnData<float> v:
                    for (int i = 0; i < target.Length; i++) target[i] = v.Values[i];
                    break;
                case ParquetColumnData<int> v when scale == 0:
                    for (int i = 0; i < target.Length; i++) target[i] = unsigned ? (uint)v.Values[i] : v.Values[i];
                    break;
                case ParquetColumnData<long> v when scale == 0:
                    for (int i = 0; i < target.Length; i++) target[i] = unsigned ? (ulong)v.Values[i] : v.Values[i];
                    break;
                default:
                    for (int i = 0; i < target.Length; i++)
                        target[i] = data.IsNull(i) ? double.NaN : ParquetValues.DecimalToDouble(ParquetValues.DecimalUnscaled(data, i), scale);
                    break;
            }
            if (data.Validity is { } validity)
            {
                for (int i = 0; i < target.Length; i++)
                {
                    if (!validity[i]) target[i] = double.NaN;
                }
            }
        }

        public override Column Build()
        {
            if (_values.Length != Length) Array.Resize(ref _values, Length);
            return new NumericColumn(Source.Name, _values);
        }
    }

    private sealed class BooleanAssembler(ParquetColumn column) : ColumnAssembler(column)
    {
        private byte[] _values = [];

        protected override void EnsureCapacity(int rows)
        {
            if (rows > _values.Length) Array.Resize(ref _values, Grown(_values.Length, rows));
        }

        protected override void Fill(ParquetColumnData data, int offset)
        {
            var values = ((ParquetColumnData<bool>)data).Values;
            for (int i = 0; i < data.RowCount; i++)
                _values[offset + i] = data.IsNull(i) ? BooleanColumn.Missing : values[i] ? (byte)1 : (byte)0;
        }

        public override Column Build()
        {
            if (_values.Length != Length) Array.Resize(ref _values, Length);
            return new BooleanColumn(Source.Name, _values);
        }
    }

    private sealed class TextAssembler(ParquetColumn column, Func<ParquetColumnData, int, string> render) : ColumnAssembler(column)
    {
        private string?[] _values = [];

        protected override void EnsureCapacity(int rows)
        {
            if (rows > _values.Length) Array.Resize(ref _values, Grown(_values.Length, rows));
        }

        protected override void Fill(ParquetColumnData data, int offset)
        {
            if (data is ParquetBinaryColumnData { Dictionary: { } dictionary, DictionaryIndices: { } indices })
            {
                // Decode each distinct value once; rows share the string instances.
                var distinct = new string[dictionary.RowCount];
                for (int d = 0; d < distinct.Length; d++) distinct[d] = render(dictionary, d);
                for (int i = 0; i < indices.Length; i++) _values[offset + i] = indices[i] < 0 ? null : distinct[indices[i]];
                return;
            }
            for (int i = 0; i < data.RowCount; i++) _values[offset + i] = data.IsNull(i) ? null : render(data, i);
        }

        public override Column Build()
        {
            if (_values.Length != Length) Array.Resize(ref _values, Length);
            return new TextColumn(Source.Name, _values);
        }
    }

    private sealed class CategoricalAssembler : ColumnAssembler
    {
        private readonly CategoricalLevels.Entry _levels;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly string _filePath;
        private int[] _codes = [];

        public CategoricalAssembler(ParquetColumn column, CategoricalLevels.Entry levels, string filePath) : base(column)
        {
            _levels = levels;
            _filePath = filePath;
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < levels.Levels.Count; i++)
            {
                if (!map.TryAdd(levels.Levels[i], i))
                    throw new ParquetFormatException($"Parquet file '{filePath}': column '{column.Name}' lists level '{levels.Levels[i]}' twice.") { FilePath = filePath, ColumnName = column.Name };
            }
            _lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        protected override void EnsureCapacity(int rows)
        {
            if (rows > _codes.Length) Array.Resize(ref _codes, Grown(_codes.Length, rows));
        }

        protected override void Fill(ParquetColumnData data, int offset)
        {
            var binary = (ParquetBinaryColumnData)data;
            char[] chars = new char[256];
            for (int i = 0; i < data.RowCount; i++)
            {
                if (data.IsNull(i))
                {
                    _codes[offset + i] = CategoricalColumn.MissingCode;
                    continue;
                }
                var bytes = binary.GetBytes(i);
                if (Encoding.UTF8.GetMaxCharCount(bytes.Length) > chars.Length) chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
                int n = Encoding.UTF8.GetChars(bytes, chars);
                if (!_lookup.TryGetValue(chars.AsSpan(0, n), out int code))
                    throw new ParquetFormatException($"Parquet file '{_filePath}': column '{Source.Name}' row {offset + i + 1} holds a value that is not one of its {_levels.Levels.Count} recorded levels.") { FilePath = _filePath, ColumnName = Source.Name, Row = offset + i + 1 };
                _codes[offset + i] = code;
            }
        }

        public override Column Build()
        {
            if (_codes.Length != Length) Array.Resize(ref _codes, Length);
            return new CategoricalColumn(Source.Name, _codes, _levels.Levels, _levels.Ordered);
        }
    }
}
