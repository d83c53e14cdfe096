using Predictor.Data.Csv;
using Predictor.Data.Tables;

namespace Predictor.Data.Contract;

/// <summary>
/// Read access to one input column cell by cell, whatever the file format: raw CSV text or an already-typed
/// column (from Parquet). Lets one validator check both the same way.
/// </summary>
internal abstract class CellSource
{
    public abstract bool IsMissing(int row);

    public abstract bool TryGetNumber(int row, out double value);

    public abstract bool TryGetBoolean(int row, out bool value);

    public abstract string GetText(int row);

    /// <summary>The value as the user wrote it, shortened, for an error message.</summary>
    public string Describe(int row)
    {
        string text = GetText(row);
        return text.Length <= 40 ? $"'{text}'" : $"'{text[..37]}...'";
    }

    public static CellSource FromCsv(RawCsvColumn column, MissingValueTokens missing) => new CsvCells(column, missing);

    public static CellSource FromColumn(Column column) => new TypedCells(column);

    private sealed class CsvCells(RawCsvColumn column, MissingValueTokens missing) : CellSource
    {
        public override bool IsMissing(int row) => missing.IsMissing(column[row]);

        public override bool TryGetNumber(int row, out double value) => Utf8Values.TryParseNumber(column[row], out value);

        public override bool TryGetBoolean(int row, out bool value) => Utf8Values.TryParseBoolean(column[row], out value);

        public override string GetText(int row) => System.Text.Encoding.UTF8.GetString(Utf8Values.Trim(column[row]));
    }

    private sealed class TypedCells(Column column) : CellSource
    {
        public override bool IsMissing(int row) => column.IsMissing(row);

        public override bool TryGetNumber(int row, out double value)
        {
            switch (column)
            {
                case NumericColumn numeric:
                    value = numeric[row];
                    return double.IsFinite(value);
                case BooleanColumn boolean when boolean[row] is bool b:
                    value = b ? 1 : 0;
                    return true;
                default:
                    var bytes = System.Text.Encoding.UTF8.GetBytes(GetText(row));
                    return Utf8Values.TryParseNumber(bytes, out value);
            }
        }

        public override bool TryGetBoolean(int row, out bool value)
        {
            switch (column)
            {
                case BooleanColumn boolean when boolean[row] is bool b:
                    value = b;
                    return true;
                case NumericColumn numeric when numeric[row] is 0 or 1:
                    value = numeric[row] == 1;
                    return true;
                default:
                    var bytes = System.Text.Encoding.UTF8.GetBytes(GetText(row));
                    return Utf8Values.TryParseBoolean(bytes, out value);
            }
        }

        public override string GetText(int row) => column.FormatValue(row) ?? "";
    }
}
