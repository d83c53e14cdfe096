using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// A row group to write: its row count, a function producing column i's values (called once per column, possibly in
/// parallel) and, optionally, one told when a column's values have been encoded and are no longer needed (so a
/// producer can return pooled arrays).
/// </summary>
internal sealed record RowGroupSource(int Rows, Func<int, ParquetColumnData> Column, Action<ParquetColumnData>? Release = null);
