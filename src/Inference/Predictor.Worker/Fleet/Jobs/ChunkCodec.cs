using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Predictor.Data.Tables;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// A chunk's rows as stored in <c>job_chunks.input</c>: the already-checked columnar table in a compact binary form,
/// so a worker scores it without parsing or checking it again (contract CSV cost a write at submit, and a parse and
/// a second contract check per chunk). Little-endian; the layout is
/// <c>"PCH1", rows:int32, columns:int32</c>, then per column <c>name, kind:byte</c> and its values:
/// numeric as raw doubles (NaN missing), boolean one byte a row, categorical its ordered flag, levels and one code a
/// row (a byte when there are fewer than 255 levels, else int32), text one length-prefixed UTF-8 string a row with a
/// presence byte. Decoding checks the lengths, so a truncated or foreign blob is refused, never misread.
/// </summary>
internal static class ChunkCodec
{
    private static readonly byte[] Magic = "PCH1"u8.ToArray();

    /// <summary>True when <paramref name="input"/> starts as this form does (older chunks are contract CSV).</summary>
    public static bool IsBinary(ReadOnlySpan<byte> input) => input.StartsWith(Magic);

    public static byte[] Encode(DataTable table) => Encode(table, 0, table.RowCount);

    /// <summary>
    /// Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="table"/>,
    /// encoded straight from it into a blob of exactly the right size (no copy of the rows, no growing buffer).
    /// </summary>
    public static byte[] Encode(DataTable table, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, table.RowCount);
        var bytes = new byte[checked((int)Size(table, start, count))];
        var writer = new ChunkWriter(bytes);
        writer.Bytes(Magic);
        writer.Int(count);
        writer.Int(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            writer.String(column.Name);
            writer.Byte((byte)column.Kind);
            switch (column)
            {
                case NumericColumn numeric:
                    writer.Doubles(numeric.Values.Slice(start, count));
                    break;
                case BooleanColumn boolean:
                    writer.Bytes(boolean.Values.Slice(start, count));
                    break;
                case CategoricalColumn categorical:
                    writer.Byte(categorical.IsOrdered ? (byte)1 : (byte)0);
                    writer.Int(categorical.Levels.Count);
                    foreach (string level in categorical.Levels) writer.String(level);
                    writer.Codes(categorical.Codes.Slice(start, count), categorical.Levels.Count < byte.MaxValue);
                    break;
                case TextColumn text:
                    foreach (string? value in text.Values.Slice(start, count))
                    {
                        writer.Byte(value is null ? (byte)0 : (byte)1);
                        if (value is not null) writer.String(value);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"column '{column.Name}' is of kind {column.Kind}, which a job chunk cannot hold.");
            }
        }
        if (!writer.IsFull) throw new InvalidOperationException("the chunk's size was misjudged (a bug in ChunkCodec).");
        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are not a whole chunk in this form.</exception>
    public static DataTable Decode(byte[] input) => Decode(input.AsSpan());

    /// <exception cref="InvalidDataException">The bytes are not a whole chunk in this form.</exception>
    public static DataTable Decode(ReadOnlySpan<byte> input)
    {
        try
        {
            var reader = new ChunkReader(input);
            if (!reader.Bytes(Magic.Length).SequenceEqual(Magic))
                throw new InvalidDataException("the chunk input is not in the binary chunk form (no PCH1 header).");
            int rows = reader.Int();
            int count = reader.Int();
            if (rows < 0 || count < 0) throw new InvalidDataException("the chunk input has a negative row or column count.");
            var columns = new Column[count];
            for (int c = 0; c < count; c++)
            {
                string name = reader.String();
                columns[c] = (ColumnKind)reader.Byte() switch
                {
                    ColumnKind.Numeric => new NumericColumn(name, reader.Doubles(rows)),
                    ColumnKind.Boolean => new BooleanColumn(name, reader.Bytes(rows).ToArray()),
                    ColumnKind.Categorical => ReadCategorical(ref reader, name, rows),
                    ColumnKind.Text => ReadText(ref reader, name, rows),
                    var kind => throw new InvalidDataException($"column '{name}' has unknown kind {(byte)kind}."),
                };
            }
            if (reader.Remaining != 0)
                throw new InvalidDataException($"the chunk input has {reader.Remaining} bytes after its last column.");
            return new DataTable(columns);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("the chunk input holds an impossible column: " + ex.Message, ex);
        }
    }

    /// <summary>The encoded size of the rows: fixed parts plus each string's UTF-8 bytes and length prefix.</summary>
    private static long Size(DataTable table, int start, int count)
    {
        long size = Magic.Length + 2 * sizeof(int);
        foreach (var column in table.Columns)
        {
            size += ChunkWriter.StringSize(column.Name) + 1;
            size += column switch
            {
                NumericColumn => (long)count * sizeof(double),
                BooleanColumn => count,
                CategoricalColumn categorical => 1 + sizeof(int) + categorical.Levels.Sum(l => (long)ChunkWriter.StringSize(l))
                    + (long)count * (categorical.Levels.Count < byte.MaxValue ? 1 : sizeof(int)),
                TextColumn text => TextSize(text.Values.Slice(start, count)),
                _ => 0, // refused by Encode
            };
        }
        return size;
    }

    private static long TextSize(ReadOnlySpan<string?> values)
    {
        long size = values.Length;
        foreach (string? value in values) if (value is not null) size += ChunkWriter.StringSize(value);
        return size;
    }

    private static CategoricalColumn ReadCategorical(ref ChunkReader reader, string name, int rows)
    {
        bool ordered = reader.Byte() != 0;
        int levelCount = reader.Int();
        if (levelCount < 0) throw new InvalidDataException($"column '{name}' has a negative level count.");
        var levels = new string[levelCount];
        for (int i = 0; i < levelCount; i++) levels[i] = reader.String();
        var codes = new int[rows];
        if (levelCount < byte.MaxValue)
        {
            var bytes = reader.Bytes(rows);
            for (int i = 0; i < rows; i++) codes[i] = bytes[i] == byte.MaxValue ? CategoricalColumn.MissingCode : bytes[i];
        }
        else
        {
            var bytes = reader.Bytes(checked(rows * sizeof(int)));
            for (int i = 0; i < rows; i++) codes[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * sizeof(int))..]);
        }
        return new CategoricalColumn(name, codes, levels, ordered);
    }

    private static TextColumn ReadText(ref ChunkReader reader, string name, int rows)
    {
        var values = new string?[rows];
        for (int i = 0; i < rows; i++) values[i] = reader.Byte() != 0 ? reader.String() : null;
        return new TextColumn(name, values);
    }
}
