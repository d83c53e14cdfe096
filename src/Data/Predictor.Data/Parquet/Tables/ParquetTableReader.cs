using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Reads Parquet files (through Parquet.Net) into <see cref="DataTable"/>s: the whole file, or one table per row
/// group so a file larger than memory can be scored piece by piece. Only the requested columns are decoded.
/// See <see cref="ColumnFill"/> for how Parquet types map to table columns. Every failure is a
/// <see cref="ParquetFormatException"/> naming the file.
/// </summary>
public static class ParquetTableReader
{
    /// <summary>The file's column names, from its footer only.</summary>
    public static IReadOnlyList<string> ColumnNames(string path)
    {
        using var source = ParquetSource.Open(path);
        return [.. source.Fields.Select(f => f.Name)];
    }

    /// <summary>Reads the whole file (or only <paramref name="columns"/>, in that order) into one table.</summary>
    public static DataTable Read(string path, IReadOnlyList<string>? columns = null)
    {
        using var source = ParquetSource.Open(path);
        var indices = Plan(source, columns);
        var fills = Fills(source, indices, source.TotalRows);
        // Columns are independent: each task opens its own reader (Parquet.Net reads through one stream position),
        // and decodes its column through every row group.
        try
        {
            Parallel.For(0, indices.Length, () => (ParquetSource?)null, (i, _, reader) =>
            {
                reader ??= ParquetSource.Open(path);
                FillAllGroups(reader, fills[i]);
                return reader;
            }, reader => reader?.Dispose());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Which column's task fails first depends on thread timing (a file may have several columns the library
            // cannot decode), so the error is made deterministic: the columns are read again one by one, in order,
            // and the first failure is the one reported. This costs a second pass only for a file that fails.
            FirstFailureInOrder(path, columns);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return new DataTable(fills.Select(f => f.Build()));
    }

    /// <summary>Reads a whole file held in <paramref name="stream"/> (taking ownership of it); <paramref name="fileName"/> names it in errors.</summary>
    public static DataTable Read(Stream stream, string fileName, IReadOnlyList<string>? columns = null)
    {
        using var source = ParquetSource.Open(stream, fileName);
        var indices = Plan(source, columns);
        var fills = Fills(source, indices, source.TotalRows);
        for (int i = 0; i < indices.Length; i++) FillAllGroups(source, fills[i]);
        return new DataTable(fills.Select(f => f.Build()));
    }

    /// <summary>Streams the file one row group at a time; each table holds only that row group's rows.</summary>
    public static IEnumerable<DataTable> ReadRowGroups(string path, IReadOnlyList<string>? columns = null)
    {
        using var source = ParquetSource.Open(path);
        var indices = Plan(source, columns);
        for (int g = 0; g < source.RowGroupCount; g++)
        {
            var fills = Fills(source, indices, source.GroupRows[g]);
            var reader = source.OpenRowGroup(g);
            for (int i = 0; i < fills.Length; i++) fills[i].Fill(reader, g, 0, source.GroupRows[g]);
            yield return new DataTable(fills.Select(f => f.Build()));
        }
    }

    private static void FirstFailureInOrder(string path, IReadOnlyList<string>? columns)
    {
        using var source = ParquetSource.Open(path);
        var indices = Plan(source, columns);
        foreach (var fill in Fills(source, indices, source.TotalRows)) FillAllGroups(source, fill);
    }

    private static void FillAllGroups(ParquetSource source, ColumnFill fill)
    {
        int offset = 0;
        for (int g = 0; g < source.RowGroupCount; g++)
        {
            fill.Fill(source.OpenRowGroup(g), g, offset, source.GroupRows[g]);
            offset += source.GroupRows[g];
        }
    }

    private static ColumnFill[] Fills(ParquetSource source, int[] indices, int rows) =>
        [.. indices.Select(i => ColumnFill.For(source.Fields[i], source.Levels.GetValueOrDefault(source.Fields[i].Name), source.FilePath, rows))];

    private static int[] Plan(ParquetSource source, IReadOnlyList<string>? columns)
    {
        if (columns is null) return [.. Enumerable.Range(0, source.Fields.Count)];
        return [.. columns.Select(source.IndexOf)];
    }
}
