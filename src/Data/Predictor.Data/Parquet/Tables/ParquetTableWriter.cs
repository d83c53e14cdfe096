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
                return Categorical(schema, c.Levels, c.Codes.Slice(start, rows).ToArray());
            case TextColumn t:
                return Text(schema, t.Values.Slice(start, rows));
            default:
                throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet.");
        }
    }

    /// <summary>Levels become the dictionary and codes the indices, so nothing is hashed.</summary>
    private static ParquetBinaryColumnData Categorical(ParquetColumn schema, IReadOnlyList<string> levels, int[] codes)
    {
        var dictionary = Pack(schema, levels.Count, i => levels[i]);
        bool[]? validity = null;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] != CategoricalColumn.MissingCode) continue;
            validity ??= Enumerable.Repeat(true, codes.Length).ToArray();
            validity[i] = false;
        }
        return new ParquetBinaryColumnData(schema, dictionary, codes, validity);
    }

    /// <summary>
    /// Text is handed over in dictionary form when few distinct strings repeat (hashing strings is cheaper than
    /// hashing their bytes later), otherwise as packed UTF-8; the chunk writer still decides whether a dictionary pays.
    /// </summary>
    private static ParquetBinaryColumnData Text(ParquetColumn schema, ReadOnlySpan<string?> values)
    {
        bool[]? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is not null) continue;
            validity ??= Enumerable.Repeat(true, values.Length).ToArray();
            validity[i] = false;
        }
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        var indices = new int[values.Length];
        int limit = Math.Min(1 << 16, values.Length / 4 + 16);
        bool repeats = true;
        for (int i = 0; i < values.Length && repeats; i++)
        {
            var s = values[i];
            if (s is null)
            {
                indices[i] = -1;
                continue;
            }
            if (!map.TryGetValue(s, out int index))
            {
                index = distinct.Count;
                map.Add(s, index);
                distinct.Add(s);
                repeats = distinct.Count <= limit;
            }
            indices[i] = index;
        }
        if (repeats) return new ParquetBinaryColumnData(schema, Pack(schema, distinct.Count, i => distinct[i]), indices, validity);
        var copy = values.ToArray();
        var packed = Pack(schema, copy.Length, i => copy[i]);
        return new ParquetBinaryColumnData(schema, packed.Data, packed.Offsets, validity);
    }

    /// <summary>UTF-8 encodes strings into one buffer with offsets (a null string takes no bytes).</summary>
    private static ParquetBinaryColumnData Pack(ParquetColumn schema, int count, Func<int, string?> value)
    {
        var offsets = new int[count + 1];
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            total += value(i) is { } s ? Encoding.UTF8.GetByteCount(s) : 0;
            if (total > Array.MaxLength) throw new NotSupportedException($"Column '{schema.Name}' holds more than {Array.MaxLength} bytes of text in one row group; use a smaller RowGroupSize.");
            offsets[i + 1] = (int)total;
        }
        var data = new byte[total];
        for (int i = 0; i < count; i++)
        {
            if (value(i) is { } s) Encoding.UTF8.GetBytes(s, data.AsSpan(offsets[i]));
        }
        return new ParquetBinaryColumnData(schema, data, offsets, null);
    }
}
