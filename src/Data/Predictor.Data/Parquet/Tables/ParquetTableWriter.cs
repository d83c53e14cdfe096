using System.Text;
using Predictor.Data.Parquet.Metadata;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Parquet.Writing;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Writes a <see cref="DataTable"/> as Parquet. Every column is OPTIONAL: <see cref="NumericColumn"/> as DOUBLE
/// (NaN becomes null), <see cref="BooleanColumn"/> as BOOLEAN, <see cref="CategoricalColumn"/> as a UTF-8 string
/// column (dictionary-encoded, with its levels and order recorded in the file's metadata) and
/// <see cref="TextColumn"/> as a UTF-8 string column.
/// </summary>
public static class ParquetTableWriter
{
    public static void Write(DataTable table, string path, ParquetWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ParquetWriteOptions();
        var schema = table.Columns.Select((c, i) => SchemaColumn(c, i)).ToArray();
        var levels = table.Columns.OfType<CategoricalColumn>()
            .ToDictionary(c => c.Name, c => new CategoricalLevels.Entry(c.Levels, c.IsOrdered), StringComparer.Ordinal);
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var writer = ParquetFileWriter.Create(temp, schema, options))
            {
                if (levels.Count > 0) writer.AddKeyValue(CategoricalLevels.Key, CategoricalLevels.Serialize(levels));
                for (int start = 0; start < table.RowCount || (start == 0 && table.RowCount == 0); start += options.RowGroupSize)
                {
                    int rows = Math.Min(options.RowGroupSize, table.RowCount - start);
                    writer.WriteRowGroup(table.Columns.Select((c, i) => Slice(c, schema[i], start, rows)).ToArray());
                    if (table.RowCount == 0) break;
                }
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static ParquetColumn SchemaColumn(Column column, int index) => column switch
    {
        NumericColumn => new ParquetColumn(index, column.Name, PhysicalType.Double, 0, true, null),
        BooleanColumn => new ParquetColumn(index, column.Name, PhysicalType.Boolean, 0, true, null),
        CategoricalColumn or TextColumn => new ParquetColumn(index, column.Name, PhysicalType.ByteArray, 0, true, new LogicalTypeAnnotation(LogicalTypeKind.String)),
        _ => throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet."),
    };

    private static ParquetColumnData Slice(Column column, ParquetColumn schema, int start, int rows)
    {
        switch (column)
        {
            case NumericColumn n:
                {
                    var values = n.Values.Slice(start, rows).ToArray();
                    bool[]? validity = null;
                    for (int i = 0; i < rows; i++)
                    {
                        if (!double.IsNaN(values[i])) continue;
                        validity ??= Enumerable.Repeat(true, rows).ToArray();
                        validity[i] = false;
                    }
                    return new ParquetColumnData<double>(schema, values, validity);
                }
            case BooleanColumn b:
                {
                    var raw = b.Values.Slice(start, rows);
                    var values = new bool[rows];
                    bool[]? validity = null;
                    for (int i = 0; i < rows; i++)
                    {
                        if (raw[i] == BooleanColumn.Missing)
                        {
                            validity ??= Enumerable.Repeat(true, rows).ToArray();
                            validity[i] = false;
                        }
                        else
                        {
                            values[i] = raw[i] == 1;
                        }
                    }
                    return new ParquetColumnData<bool>(schema, values, validity);
                }
            case CategoricalColumn c:
                {
                    var levelBytes = c.Levels.Select(Encoding.UTF8.GetBytes).ToArray();
                    var codes = c.Codes.Slice(start, rows).ToArray();
                    return Strings(schema, rows, i => codes[i] == CategoricalColumn.MissingCode ? null : levelBytes[codes[i]]);
                }
            case TextColumn t:
                {
                    var texts = t.Values.Slice(start, rows).ToArray();
                    return Strings(schema, rows, i => texts[i] is { } s ? Encoding.UTF8.GetBytes(s) : null);
                }
            default:
                throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet.");
        }
    }

    private static ParquetBinaryColumnData Strings(ParquetColumn schema, int rows, Func<int, byte[]?> value)
    {
        var offsets = new int[rows + 1];
        var buffer = new MemoryStream();
        bool[]? validity = null;
        for (int i = 0; i < rows; i++)
        {
            var bytes = value(i);
            if (bytes is null)
            {
                validity ??= Enumerable.Repeat(true, rows).ToArray();
                validity[i] = false;
            }
            else
            {
                buffer.Write(bytes);
            }
            offsets[i + 1] = checked((int)buffer.Length);
        }
        return new ParquetBinaryColumnData(schema, buffer.GetBuffer(), offsets, validity);
    }
}
