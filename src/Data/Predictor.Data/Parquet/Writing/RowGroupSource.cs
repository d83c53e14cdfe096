using Predictor.Data.Parquet.Reading;

namespace Predictor.Data.Parquet.Writing;

/// <summary>A row group to write: its row count and a function producing column i's values (called once per column, possibly in parallel).</summary>
internal sealed record RowGroupSource(int Rows, Func<int, ParquetColumnData> Column);
