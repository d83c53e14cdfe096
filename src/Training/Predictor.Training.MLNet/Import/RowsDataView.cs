using Microsoft.ML;
using Microsoft.ML.Data;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// Rows of our choosing under a loaded model's input schema: the importer sends probe rows and check rows through a
/// pipeline whose row type it only knows at run time. Each row holds one boxed value per schema column, of the
/// column's raw type (float, double, bool, <see cref="ReadOnlyMemory{T}"/> of char, ...).
/// </summary>
internal sealed class RowsDataView : IDataView
{
    private readonly object?[][] _rows;

    public RowsDataView(DataViewSchema schema, IEnumerable<object?[]> rows)
    {
        Schema = schema;
        _rows = [.. rows];
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    /// <summary>A row of the schema's default values (what a column the model does not read gets).</summary>
    public static object?[] DefaultRow(DataViewSchema schema) =>
        [.. schema.Select(c => c.Type.RawType.IsValueType ? Activator.CreateInstance(c.Type.RawType) : null)];

    private sealed class Cursor(RowsDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 < view._rows.Length)
            {
                _position++;
                return true;
            }
            _position = -1;
            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int index = column.Index;
            return (ref TValue value) => value = (TValue)view._rows[_position][index]!;
        }
    }
}
