namespace Predictor.Worker.Configuration;

/// <summary>The file formats the inbox reads and writes, by name and extension.</summary>
internal static class OutputFormats
{
    public const string Same = "same";
    public const string Csv = "csv";
    public const string Parquet = "parquet";

    public static bool IsKnown(string format) =>
        string.Equals(format, Same, StringComparison.OrdinalIgnoreCase)
        || string.Equals(format, Csv, StringComparison.OrdinalIgnoreCase)
        || string.Equals(format, Parquet, StringComparison.OrdinalIgnoreCase);
}
