using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Reads a claimed file by its extension and checks it against the cohort contract, in chunks: a CSV file is one
/// chunk, a Parquet file one chunk per row group, so a large Parquet file is never held in memory whole. Row numbers
/// in every chunk (<see cref="CohortLoadResult.SourceRows"/>, issues) are 1-based rows of the whole file, and problems
/// name the file as the hospital named it, not the claimed path.
/// </summary>
internal static class InboxFileReader
{
    public static bool IsParquet(ClaimedFile file) => file.Extension == ".parquet";

    /// <exception cref="UnusableFileException">Thrown (possibly part-way through) when the file cannot be scored.</exception>
    public static IEnumerable<CohortLoadResult> ReadChunks(ClaimedFile file) => file.Extension switch
    {
        ".csv" => [Translate(file, () => Renamed(CsvInboxFile.Load(file.Path), file, 0))],
        ".parquet" => ReadParquet(file),
        _ => throw new UnusableFileException($"'{file.Extension}' files are not read; send .csv or .parquet.") { LogReason = "not a .csv or .parquet file" },
    };

    private static IEnumerable<CohortLoadResult> ReadParquet(ClaimedFile file)
    {
        var columns = Translate(file, () => ScoringColumns(file.Path));
        var duplicates = new DuplicateIds();
        using var groups = Translate(file, () => ParquetTableReader.ReadRowGroups(file.Path, columns).GetEnumerator());
        int offset = 0;
        while (Translate(file, groups.MoveNext))
        {
            var table = groups.Current;
            var chunk = Translate(file, () => Renamed(CohortLoader.FromTable(table, file.Path, CohortPurpose.Scoring), file, offset));
            offset += table.RowCount;
            yield return duplicates.Remove(chunk);
        }
    }

    /// <summary>The contract columns the file holds, less the labels (scoring ignores them; they may be absent).</summary>
    private static string[] ScoringColumns(string path)
    {
        return [.. ParquetTableReader.ColumnNames(path)
            .Where(name => CohortContract.TryGet(name, out var spec) && !spec.IsLabel)];
    }

    /// <summary>Shifts a chunk's rows to file rows and names the original file in its issues.</summary>
    private static CohortLoadResult Renamed(CohortLoadResult loaded, ClaimedFile file, int offset) => loaded with
    {
        Source = file.OriginalName,
        SourceRows = offset == 0 ? loaded.SourceRows : [.. loaded.SourceRows.Select(r => r + offset)],
        Issues = [.. loaded.Issues.Select(i => i with { Source = file.OriginalName, Row = i.Row + offset })],
    };

    /// <summary>A user-facing read failure becomes an unusable file whose reason names the original file.</summary>
    private static T Translate<T>(ClaimedFile file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (PredictorInputException ex)
        {
            // The message may quote the file's first line (a header-less fragment's first row of values): it goes to
            // the reason file beside the data, and the log gets only what kind of problem it was.
            string message = ex.Message.Replace(file.Path, file.OriginalName, StringComparison.Ordinal);
            bool noHeader = message.Contains("missing required column", StringComparison.Ordinal) || message.Contains("header", StringComparison.Ordinal);
            if (noHeader && !IsParquet(file))
            {
                message += " If this is the rest of a file that was still being written when the worker claimed it, write files as name.part and rename them when complete.";
            }
            throw new UnusableFileException(message, ex)
            {
                LogReason = ex is DataFormatException ? "the file's structure cannot be read" : noHeader ? "the header lacks required contract columns" : "the file cannot be read",
            };
        }
    }
}
