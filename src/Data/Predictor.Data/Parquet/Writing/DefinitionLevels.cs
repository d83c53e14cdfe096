using System.Buffers;
using System.Buffers.Binary;
using Predictor.Data.Parquet.Encodings;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Writes the definition levels of a flat OPTIONAL column's data page: the levels (1 = present, 0 = null) in the
/// RLE/bit-packed hybrid at bit width 1, preceded by their 4-byte length in v1 pages (v2 headers carry the length).
/// </summary>
internal static class DefinitionLevels
{
    /// <summary>Writes levels for rows [start, start + rows) of <paramref name="validity"/> (null: all present); returns how many are present.</summary>
    public static int Write(bool[]? validity, int start, int rows, PageBuffer page, bool lengthPrefixed = true)
    {
        int lengthAt = page.Length;
        if (lengthPrefixed) page.WriteInt32(0);
        int present = rows;
        if (validity is null || !validity.AsSpan(start, rows).Contains(false))
        {
            // A page without nulls, the common case, is one run of ones.
            if (rows > 0) RleBitPackedHybridEncoder.WriteRun(1, rows, 1, page);
        }
        else
        {
            var levels = ArrayPool<int>.Shared.Rent(rows);
            present = 0;
            for (int i = 0; i < rows; i++)
            {
                int level = validity[start + i] ? 1 : 0;
                levels[i] = level;
                present += level;
            }
            RleBitPackedHybridEncoder.Encode(levels.AsSpan(0, rows), 1, page);
            ArrayPool<int>.Shared.Return(levels);
        }
        if (lengthPrefixed) BinaryPrimitives.WriteInt32LittleEndian(page.Patch(lengthAt, 4), page.Length - lengthAt - 4);
        return present;
    }
}
