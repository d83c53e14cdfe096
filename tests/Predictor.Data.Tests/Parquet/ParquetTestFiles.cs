using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Paths to the Apache parquet-testing files, their DuckDB answers and the committed DuckDB fixtures.</summary>
internal static class ParquetTestFiles
{
    public static string Reference(string name) => RepoPaths.Reference("parquet-testing", name);

    public static string Expected(string name) => RepoPaths.Reference("parquet-testing", "expected", name + ".json");

    public static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "Predictor.Data.Tests", "Parquet", "Fixtures", name);
}
