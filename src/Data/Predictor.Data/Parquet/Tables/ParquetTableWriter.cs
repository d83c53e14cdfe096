using Parquet;
using Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Writes a <see cref="DataTable"/> as Parquet through Parquet.Net. Every column is OPTIONAL: <see cref="NumericColumn"/>
/// as DOUBLE (NaN becomes null), or as INT64 when named in <see cref="ParquetWriteOptions.IntegerColumns"/>;
/// <see cref="BooleanColumn"/> as BOOLEAN; <see cref="CategoricalColumn"/> as a UTF-8 string column with its levels
/// and order recorded in the file's metadata (<c>predictor.categorical_levels</c>) and <see cref="TextColumn"/> as a
/// UTF-8 string column. The file appears whole or not at all (written beside, then moved into place).
/// </summary>
public static class ParquetTableWriter
{
    public static void Write(DataTable table, string path, ParquetWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                Write(table, stream, options);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes the table to <paramref name="output"/> (left open).</summary>
    public static void Write(DataTable table, Stream output, ParquetWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ParquetWriteOptions();
        var integer = IntegerColumns(table, options.IntegerColumns);
        var fields = table.Columns.Select(c => Field(c, integer.Contains(c.Name))).ToArray();
        WriteAsync(table, output, options, fields).GetAwaiter().GetResult();
    }

    private static async Task WriteAsync(DataTable table, Stream output, ParquetWriteOptions options, DataField[] fields)
    {
        var metadata = new Dictionary<string, string>(options.Metadata, StringComparer.Ordinal);
        var levels = table.Columns.OfType<CategoricalColumn>()
            .ToDictionary(c => c.Name, c => new CategoricalLevels.Entry(c.Levels, c.IsOrdered), StringComparer.Ordinal);
        if (levels.Count > 0) metadata[CategoricalLevels.Key] = CategoricalLevels.Serialize(levels);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options.ToLibraryOptions(), append: false).ConfigureAwait(false);
        writer.CustomMetadata = metadata;
        // One empty row group for an empty table, so the file still has a schema and zero rows to read.
        int start = 0;
        do
        {
            int rows = Math.Min(options.RowGroupSize, table.RowCount - start);
            using var group = writer.CreateRowGroup();
            for (int c = 0; c < fields.Length; c++)
                await ColumnWrite.WriteAsync(group, fields[c], table.Columns[c], start, rows).ConfigureAwait(false);
            group.CompleteValidate();
            start += options.RowGroupSize;
        }
        while (start < table.RowCount);
    }

    private static HashSet<string> IntegerColumns(DataTable table, IReadOnlyCollection<string> names)
    {
        var unknown = names.Where(name => !table.Contains(name)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Integer columns not in the table: {string.Join(", ", unknown)}.", nameof(names));
        foreach (var name in names)
        {
            if (table[name] is not NumericColumn)
                throw new ArgumentException($"Column '{name}' is {table[name].Kind}, so it cannot be written as an integer column.", nameof(names));
        }
        return new HashSet<string>(names, StringComparer.Ordinal);
    }

    private static DataField Field(Column column, bool integer) => column switch
    {
        NumericColumn when integer => new DataField<long?>(column.Name),
        NumericColumn => new DataField<double?>(column.Name),
        BooleanColumn => new DataField<bool?>(column.Name),
        CategoricalColumn or TextColumn => new DataField<string>(column.Name, nullable: true),
        _ => throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet."),
    };
}
