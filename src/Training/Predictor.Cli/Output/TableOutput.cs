using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

namespace Predictor.Cli.Output;

/// <summary>
/// Result tables the verbs write: the format follows the file's extension (<c>.csv</c> CSV, <c>.parquet</c> Parquet
/// through the data layer's writer); any other extension is refused before any work is done, so a long run never
/// ends in a file of the wrong kind.
/// </summary>
internal static class TableOutput
{
    public enum Format { Csv, Parquet }

    /// <summary>The format for <paramref name="file"/>, or a one-line error naming <paramref name="option"/>.</summary>
    public static Format Choose(FileInfo file, string option)
    {
        ArgumentNullException.ThrowIfNull(file);
        CliFiles.RequireFileTarget(file, option);
        return Path.GetExtension(file.Name).ToUpperInvariant() switch
        {
            ".CSV" => Format.Csv,
            ".PARQUET" => Format.Parquet,
            var other => throw new PredictorInputException(
                $"{option} {file.Name}: cannot write '{(other.Length == 0 ? "(no extension)" : other)}' files; end the name in .csv or .parquet."),
        };
    }

    public static void Write(DataTable table, FileInfo file, Format format)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (format == Format.Parquet) ParquetTableWriter.Write(table, file.FullName);
        else CliFiles.WriteAtomically(file.FullName, stream => CsvTableWriter.Write(table, stream));
    }
}
