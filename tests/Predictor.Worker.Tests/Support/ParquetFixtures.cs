using Predictor.Data.Csv;
using Predictor.Data.Parquet.Reading;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Parquet.Writing;

namespace Predictor.Worker.Tests.Support;

/// <summary>Parquet inbox files written with the project's own Parquet writer from cohort CSV text.</summary>
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
        using (var reader = ParquetFileReader.Open(parquetPath))
        {
            var meta = reader.Metadata.RowGroups[rowGroup].Columns[0].MetaData!;
            offset = meta.DictionaryPageOffset is long d && d > 0 ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
        }
        using var file = new FileStream(parquetPath, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(Enumerable.Repeat((byte)0xFF, 48).ToArray());
    }
}
