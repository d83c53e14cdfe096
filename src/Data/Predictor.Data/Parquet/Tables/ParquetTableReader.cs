using Predictor.Data.Parquet.Reading;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Reads Parquet files into <see cref="DataTable"/>s: the whole file, or one table per row group so a file
/// larger than memory can be scored piece by piece. Only the requested columns are decoded.
/// See <see cref="ColumnAssembler"/> for how Parquet types map to table columns.
/// </summary>
public static class ParquetTableReader
{
    /// <summary>Reads the whole file (or only <paramref name="columns"/>, in that order) into one table.</summary>
    public static DataTable Read(string path, IReadOnlyList<string>? columns = null)
    {
        using var reader = ParquetFileReader.Open(path);
        return Read(reader, columns);
    }

    /// <summary>Reads every row group of an open file (or only <paramref name="columns"/>) into one table.</summary>
    public static DataTable Read(ParquetFileReader reader, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (indices, assemblers) = Plan(reader, columns);
        int capacity = CapacityHint(reader);
        // Each column is decoded and assembled by one task across all row groups: no barrier between row groups,
        // and at most one row group of each column is in flight.
        try
        {
            Parallel.For(0, indices.Length, i =>
            {
                assemblers[i].Reserve(capacity);
                // The assembler copies each row group out, so the next row group can decode into the same arrays.
                ParquetColumnData? previous = null;
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    previous = reader.ReadColumn(g, indices[i], previous);
                    assemblers[i].Append(previous);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return new DataTable(assemblers.Select(a => a.Build()));
    }

    /// <summary>Streams the file one row group at a time; each table holds only that row group's rows.</summary>
    public static IEnumerable<DataTable> ReadRowGroups(string path, IReadOnlyList<string>? columns = null)
    {
        using var reader = ParquetFileReader.Open(path);
        var (indices, _) = Plan(reader, columns);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var (_, assemblers) = Plan(reader, columns);
            var group = reader.ReadRowGroup(g, indices);
            for (int i = 0; i < group.Count; i++) assemblers[i].Append(group[i]);
            yield return new DataTable(assemblers.Select(a => a.Build()));
        }
    }

    /// <summary>
    /// Rows to allocate up front so columns are not regrown and copied. The footer's total is trusted only up to
    /// the first row group's size times the number of row groups, so a footer that lies about one group's rows
    /// cannot force a huge allocation before any page has been decoded.
    /// </summary>
    private static int CapacityHint(ParquetFileReader reader)
    {
        if (reader.RowGroupCount == 0) return 0;
        long declared = reader.RowCount;
        long uniform = reader.Metadata.RowGroups[0].NumRows * (long)reader.RowGroupCount;
        return (int)Math.Min(Array.MaxLength, Math.Min(declared, Math.Min(uniform, 1L << 26)));
    }

    private static (int[] Indices, ColumnAssembler[] Assemblers) Plan(ParquetFileReader reader, IReadOnlyList<string>? columns)
    {
        var indices = columns is null ? Enumerable.Range(0, reader.Columns.Count).ToArray() : columns.Select(reader.IndexOf).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (int i in indices)
        {
            string name = reader.Columns[i].Name;
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
                throw new ParquetFormatException($"Parquet file '{reader.FilePath}': column {i + 1} has {(string.IsNullOrWhiteSpace(name) ? "a blank" : "a duplicate")} name '{name}', which a table cannot hold.") { FilePath = reader.FilePath };
        }
        string? levelsJson = reader.Metadata.KeyValueMetadata.FirstOrDefault(kv => kv.Key == CategoricalLevels.Key).Value;
        var levels = CategoricalLevels.Parse(levelsJson, reader.FilePath);
        var assemblers = indices.Select(i =>
        {
            var column = reader.Columns[i];
            return ColumnAssembler.For(column, levels.GetValueOrDefault(column.Name), reader.FilePath);
        }).ToArray();
        return (indices, assemblers);
    }
}
