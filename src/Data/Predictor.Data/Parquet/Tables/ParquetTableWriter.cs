using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Writing;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Writes a <see cref="DataTable"/> as Parquet. Every column is OPTIONAL: <see cref="NumericColumn"/> as DOUBLE
/// (NaN becomes null), or as INT64 annotated INT(64, signed) when named in
/// <see cref="ParquetWriteOptions.IntegerColumns"/>; <see cref="BooleanColumn"/> as BOOLEAN;
/// <see cref="CategoricalColumn"/> as a UTF-8 string column (dictionary-encoded, with its levels and order recorded
/// in the file's metadata) and <see cref="TextColumn"/> as a UTF-8 string column.
/// </summary>
public static class ParquetTableWriter
{
    public static void Write(DataTable table, string path, ParquetWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ParquetWriteOptions();
        var schema = Schema(table, options.IntegerColumns);
        var levels = table.Columns.OfType<CategoricalColumn>()
            .ToDictionary(c => c.Name, c => new CategoricalLevels.Entry(c.Levels, c.IsOrdered), StringComparer.Ordinal);
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var writer = ParquetFileWriter.Create(temp, schema, options))
            {
                if (levels.Count > 0) writer.AddKeyValue(CategoricalLevels.Key, CategoricalLevels.Serialize(levels));
                // A few row groups at a time, so every core has chunks to encode while memory stays bounded.
                int window = Math.Max(2, Environment.ProcessorCount);
                var groups = RowGroups(table, schema, options.RowGroupSize).ToList();
                for (int g = 0; g < groups.Count; g += window) writer.WriteRowGroups(groups.GetRange(g, Math.Min(window, groups.Count - g)));
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The table cut into row groups (one empty group for an empty table, so the file still has a schema to read).</summary>
    private static IEnumerable<RowGroupSource> RowGroups(DataTable table, ParquetColumn[] schema, int rowGroupSize)
    {
        int start = 0;
        do
        {
            int first = start, rows = Math.Min(rowGroupSize, table.RowCount - start);
            yield return new RowGroupSource(rows, i => TableColumnSlices.Slice(table.Columns[i], schema[i], first, rows), TableColumnSlices.Release);
            start += rowGroupSize;
        }
        while (start < table.RowCount);
    }

    private static ParquetColumn[] Schema(DataTable table, IReadOnlyCollection<string> integerColumns)
    {
        var unknown = integerColumns.Where(name => !table.ColumnNames.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Integer columns not in the table: {string.Join(", ", unknown)}.", nameof(integerColumns));
        return table.Columns.Select((c, i) => SchemaColumn(c, i, integerColumns.Contains(c.Name, StringComparer.Ordinal))).ToArray();
    }

    private static ParquetColumn SchemaColumn(Column column, int index, bool integer) => column switch
    {
        NumericColumn when integer => new ParquetColumn(index, column.Name, PhysicalType.Int64, 0, true, new LogicalTypeAnnotation(LogicalTypeKind.Integer) { BitWidth = 64, IsSigned = true }),
        _ when integer => throw new ArgumentException($"Column '{column.Name}' is {column.Kind}, so it cannot be written as an integer column."),
        NumericColumn => new ParquetColumn(index, column.Name, PhysicalType.Double, 0, true, null),
        BooleanColumn => new ParquetColumn(index, column.Name, PhysicalType.Boolean, 0, true, null),
        CategoricalColumn or TextColumn => new ParquetColumn(index, column.Name, PhysicalType.ByteArray, 0, true, new LogicalTypeAnnotation(LogicalTypeKind.String)),
        _ => throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet."),
    };
}
