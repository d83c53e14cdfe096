using Predictor.Data.Parquet.Reading;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Paths to the Apache parquet-testing files and helpers that read a whole file column by column.</summary>
internal static class ParquetTestFiles
{
    public static string Reference(string name) => RepoPaths.Reference("parquet-testing", name);

    public static string Expected(string name) => RepoPaths.Reference("parquet-testing", "expected", name + ".json");

    public static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "Predictor.Data.Tests", "Parquet", "Fixtures", name);

    /// <summary>Every column of every row group, as a list of per-row-group chunks per column.</summary>
    public static List<ParquetColumnData>[] ReadAll(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        var columns = new List<ParquetColumnData>[reader.Columns.Count];
        for (int c = 0; c < columns.Length; c++) columns[c] = [];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.ReadRowGroup(g);
            for (int c = 0; c < columns.Length; c++) columns[c].Add(group[c]);
        }
        return columns;
    }
}
