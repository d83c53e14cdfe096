using Predictor.Data.Csv;
using Predictor.Data.Parquet.Tables;

namespace Predictor.Worker.Tests.Support;

/// <summary>Parquet inbox files written with the project's Parquet writer from cohort CSV text.</summary>
internal static class ParquetFixtures
{
    /// <summary>
    /// Converts a CSV file to Parquet with small row groups, so the worker's streaming and its row numbering across
    /// row groups are exercised. Columns keep the types CSV inference gives them, so bad values stay bad.
    /// </summary>
    public static void FromCsv(string csvPath, string parquetPath, int rowGroupSize)
    {
        var table = CsvTableReader.Read(csvPath);
        ParquetTableWriter.Write(table, parquetPath, new ParquetWriteOptions { RowGroupSize = rowGroupSize });
    }

    /// <summary>Overwrites the start of one row group's first column chunk with junk, leaving the footer intact.</summary>
    public static void DamageRowGroup(string parquetPath, int rowGroup)
    {
        long offset;
        // Parquet.Net's footer reading, independent of the worker's reading path.
        using (var stream = File.OpenRead(parquetPath))
        {
            var reader = global::Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
            var meta = reader.Metadata!.RowGroups[rowGroup].Columns[0].MetaData!;
            offset = meta.DictionaryPageOffset is long d && d > 0 ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        using var file = new FileStream(parquetPath, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(Enumerable.Repeat((byte)0xFF, 48).ToArray());
    }
}
