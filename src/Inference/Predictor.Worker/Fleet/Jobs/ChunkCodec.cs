using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
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

    public static byte[] Encode(DataTable table)
    {
        using var buffer = new MemoryStream(EstimateSize(table));
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(table.RowCount);
            writer.Write(table.Columns.Count);
            foreach (var column in table.Columns)
            {
                writer.Write(column.Name);
                writer.Write((byte)column.Kind);
                switch (column)
                {
                    case NumericColumn numeric:
                        WriteLittleEndian(writer, numeric.Values);
                        break;
                    case BooleanColumn boolean:
                        writer.Write(boolean.Values);
                        break;
                    case CategoricalColumn categorical:
                        writer.Write(categorical.IsOrdered);
                        writer.Write(categorical.Levels.Count);
                        foreach (string level in categorical.Levels) writer.Write(level);
                        WriteCodes(writer, categorical);
                        break;
                    case TextColumn text:
                        foreach (string? value in text.Values)
                        {
                            writer.Write(value is not null);
                            if (value is not null) writer.Write(value);
                        }
                        break;
                    default:
                        throw new InvalidOperationException($"column '{column.Name}' is of kind {column.Kind}, which a job chunk cannot hold.");
                }
            }
        }
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a whole chunk in this form.</exception>
    public static DataTable Decode(byte[] input)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(input, writable: false), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("the chunk input is not in the binary chunk form (no PCH1 header).");
            int rows = reader.ReadInt32();
            int count = reader.ReadInt32();
            if (rows < 0 || count < 0) throw new InvalidDataException("the chunk input has a negative row or column count.");
            var columns = new Column[count];
            for (int c = 0; c < count; c++)
            {
                string name = reader.ReadString();
                columns[c] = (ColumnKind)reader.ReadByte() switch
                {
                    ColumnKind.Numeric => new NumericColumn(name, ReadDoubles(reader, rows)),
                    ColumnKind.Boolean => new BooleanColumn(name, ReadExactly(reader, rows)),
                    ColumnKind.Categorical => ReadCategorical(reader, name, rows),
                    ColumnKind.Text => ReadText(reader, name, rows),
                    var kind => throw new InvalidDataException($"column '{name}' has unknown kind {(byte)kind}."),
                };
            }
            if (reader.BaseStream.Position != input.Length)
                throw new InvalidDataException($"the chunk input has {input.Length - reader.BaseStream.Position} bytes after its last column.");
            return new DataTable(columns);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the chunk input is truncated.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("the chunk input holds an impossible column: " + ex.Message, ex);
        }
    }

    private static int EstimateSize(DataTable table) =>
        (int)Math.Min(int.MaxValue, 64 + (long)table.RowCount * table.Columns.Sum(c => c.Kind switch
        {
            ColumnKind.Numeric => 8,
            ColumnKind.Text => 16,
            _ => 1,
        }));

    private static void WriteLittleEndian(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (double value in values) writer.Write(value);
    }

    private static void WriteCodes(BinaryWriter writer, CategoricalColumn column)
    {
        var codes = column.Codes;
        if (column.Levels.Count < byte.MaxValue)
        {
            // Missing (-1) becomes 255, which is no level here.
            var bytes = new byte[codes.Length];
            for (int i = 0; i < codes.Length; i++) bytes[i] = (byte)codes[i];
            writer.Write(bytes);
            return;
        }
        foreach (int code in codes) writer.Write(code);
    }

    private static double[] ReadDoubles(BinaryReader reader, int rows)
    {
        var values = new double[rows];
        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException();
            return values;
        }
        for (int i = 0; i < rows; i++) values[i] = reader.ReadDouble();
        return values;
    }

    private static byte[] ReadExactly(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count);
        if (bytes.Length != count) throw new EndOfStreamException();
        return bytes;
    }

    private static CategoricalColumn ReadCategorical(BinaryReader reader, string name, int rows)
    {
        bool ordered = reader.ReadBoolean();
        int levelCount = reader.ReadInt32();
        if (levelCount < 0) throw new InvalidDataException($"column '{name}' has a negative level count.");
        var levels = new string[levelCount];
        for (int i = 0; i < levelCount; i++) levels[i] = reader.ReadString();
        var codes = new int[rows];
        if (levelCount < byte.MaxValue)
        {
            var bytes = ReadExactly(reader, rows);
            for (int i = 0; i < rows; i++) codes[i] = bytes[i] == byte.MaxValue ? CategoricalColumn.MissingCode : bytes[i];
        }
        else
        {
            var bytes = ReadExactly(reader, rows * sizeof(int));
            for (int i = 0; i < rows; i++) codes[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * sizeof(int)));
        }
        return new CategoricalColumn(name, codes, levels, ordered);
    }

    private static TextColumn ReadText(BinaryReader reader, string name, int rows)
    {
        var values = new string?[rows];
        for (int i = 0; i < rows; i++) values[i] = reader.ReadBoolean() ? reader.ReadString() : null;
        return new TextColumn(name, values);
    }
}
