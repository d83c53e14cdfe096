using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Schema;
using Predictor.Data.Tables;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Converts a row range of a table column into the writer's column values: numbers and booleans as value arrays
/// with validity, categories as their levels plus codes, text in dictionary form when strings repeat. Number and
/// boolean arrays are rented from the shared pools (a file's worth of row groups would otherwise be megabytes of
/// large-object garbage per column) and go back through <see cref="Release"/> once the chunk is encoded.
/// </summary>
internal static class TableColumnSlices
{
    /// <summary>Text hashing stops when this many leading strings are all distinct (unique ids and the like).</summary>
    private const int TextSample = 1024;

    public static ParquetColumnData Slice(Column column, ParquetColumn schema, int start, int rows) => column switch
    {
        NumericColumn n when schema.PhysicalType == Metadata.PhysicalType.Int64 => WholeNumbers(schema, n.Values.Slice(start, rows)),
        NumericColumn n => Numbers(schema, n.Values.Slice(start, rows)),
        BooleanColumn b => Booleans(schema, b.Values.Slice(start, rows)),
        CategoricalColumn c => Categorical(schema, c.Levels, c.Codes.Slice(start, rows).ToArray()),
        TextColumn t => Text(schema, t.Values.Slice(start, rows)),
        _ => throw new NotSupportedException($"Column '{column.Name}' of kind {column.Kind} cannot be written to Parquet."),
    };

    /// <summary>Returns a slice's pooled arrays; the slice must not be used afterwards.</summary>
    public static void Release(ParquetColumnData data)
    {
        switch (data)
        {
            case ParquetColumnData<double> d: ArrayPool<double>.Shared.Return(d.Values); break;
            case ParquetColumnData<long> l: ArrayPool<long>.Shared.Return(l.Values); break;
            case ParquetColumnData<bool> b: ArrayPool<bool>.Shared.Return(b.Values); break;
            default: return;
        }
        if (data.Validity is { } validity) ArrayPool<bool>.Shared.Return(validity);
    }

    private static ParquetColumnData<double> Numbers(ParquetColumn schema, ReadOnlySpan<double> source)
    {
        var values = ArrayPool<double>.Shared.Rent(source.Length);
        source.CopyTo(values);
        bool[]? validity = null;
        for (int i = 0; i < source.Length; i++)
        {
            if (double.IsNaN(source[i])) (validity ??= PooledAllPresent(source.Length))[i] = false;
        }
        return new ParquetColumnData<double>(schema, values, source.Length, validity);
    }

    /// <summary>Numbers declared whole (written as INT64): each present value must be an integer that fits.</summary>
    private static ParquetColumnData<long> WholeNumbers(ParquetColumn schema, ReadOnlySpan<double> source)
    {
        var values = ArrayPool<long>.Shared.Rent(source.Length);
        bool[]? validity = null;
        for (int i = 0; i < source.Length; i++)
        {
            double v = source[i];
            if (double.IsNaN(v))
            {
                (validity ??= PooledAllPresent(source.Length))[i] = false;
                continue;
            }
            // 2^63 is exactly representable; anything at or beyond it (or fractional) has no INT64 value.
            if (v != Math.Floor(v) || v < -9.2233720368547758E18 || v >= 9.2233720368547758E18)
                throw new ArgumentException($"Column '{schema.Name}' is written as an integer column but holds {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
            values[i] = (long)v;
        }
        return new ParquetColumnData<long>(schema, values, source.Length, validity);
    }

    private static ParquetColumnData<bool> Booleans(ParquetColumn schema, ReadOnlySpan<byte> raw)
    {
        var values = ArrayPool<bool>.Shared.Rent(raw.Length);
        bool[]? validity = null;
        for (int i = 0; i < raw.Length; i++)
        {
            values[i] = raw[i] == 1;
            if (raw[i] == BooleanColumn.Missing) (validity ??= PooledAllPresent(raw.Length))[i] = false;
        }
        return new ParquetColumnData<bool>(schema, values, raw.Length, validity);
    }

    /// <summary>Levels become the dictionary and codes the indices, so nothing is hashed.</summary>
    private static ParquetBinaryColumnData Categorical(ParquetColumn schema, IReadOnlyList<string> levels, int[] codes)
    {
        bool[]? validity = null;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] == CategoricalColumn.MissingCode) (validity ??= AllPresent(codes.Length))[i] = false;
        }
        return new ParquetBinaryColumnData(schema, Pack(schema, levels.ToArray()), codes, validity);
    }

    /// <summary>
    /// Text is handed over in dictionary form when strings repeat (hashing strings is cheaper than hashing their
    /// bytes later), otherwise as packed UTF-8; the chunk writer still decides whether a dictionary pays.
    /// </summary>
    private static ParquetBinaryColumnData Text(ParquetColumn schema, ReadOnlySpan<string?> values)
    {
        bool[]? validity = null;
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        var indices = new int[values.Length];
        int limit = Math.Min(1 << 16, values.Length / 4 + 16);
        bool repeats = true;
        int seen = 0;
        for (int i = 0; i < values.Length; i++)
        {
            var s = values[i];
            if (s is null)
            {
                (validity ??= AllPresent(values.Length))[i] = false;
                indices[i] = -1;
                continue;
            }
            if (!repeats) continue;
            if (!map.TryGetValue(s, out int index))
            {
                index = distinct.Count;
                map.Add(s, index);
                distinct.Add(s);
            }
            indices[i] = index;
            seen++;
            repeats = distinct.Count <= limit && !(seen == TextSample && distinct.Count == TextSample);
        }
        if (repeats) return new ParquetBinaryColumnData(schema, Pack(schema, CollectionsMarshal.AsSpan(distinct)), indices, validity);
        var packed = Pack(schema, values);
        return new ParquetBinaryColumnData(schema, packed.Data, packed.Offsets, validity);
    }

    /// <summary>UTF-8 encodes strings into one buffer with offsets (a null string takes no bytes).</summary>
    private static ParquetBinaryColumnData Pack(ParquetColumn schema, ReadOnlySpan<string?> values)
    {
        var offsets = new int[values.Length + 1];
        long total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            total += values[i] is { } s ? Encoding.UTF8.GetByteCount(s) : 0;
            if (total > Array.MaxLength) throw new NotSupportedException($"Column '{schema.Name}' holds more than {Array.MaxLength} bytes of text in one row group; use a smaller RowGroupSize.");
            offsets[i + 1] = (int)total;
        }
        var data = new byte[total];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } s) Encoding.UTF8.GetBytes(s, data.AsSpan(offsets[i]));
        }
        return new ParquetBinaryColumnData(schema, data, offsets, null);
    }

    /// <summary>A validity array (pooled, so possibly longer than <paramref name="rows"/>) with the first rows marked present.</summary>
    private static bool[] PooledAllPresent(int rows)
    {
        var validity = ArrayPool<bool>.Shared.Rent(rows);
        validity.AsSpan(0, rows).Fill(true);
        return validity;
    }

    /// <summary>An exact-length validity array, all present (byte-array columns check the length against their values).</summary>
    private static bool[] AllPresent(int rows)
    {
        var validity = new bool[rows];
        Array.Fill(validity, true);
        return validity;
    }
}
