namespace Predictor.Data.Parquet;

/// <summary>
/// Turns whatever Parquet.Net throws on a damaged file into one <see cref="ParquetFormatException"/> naming the file,
/// and the row group and column when the failure happened inside one. A corrupt file can make the library fail in
/// many ways (its own ParquetException, index or cast errors, decompressor errors, huge allocations from lying
/// lengths); to the user they all mean the same thing, so they are mapped in one place.
/// </summary>
internal static class ParquetErrors
{
    public static T Guard<T>(string filePath, Func<T> read, int? rowGroup = null, string? column = null)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (Wrappable(e))
        {
            throw Wrap(e, filePath, rowGroup, column);
        }
    }

    public static async Task<T> GuardAsync<T>(string filePath, Func<Task<T>> read, int? rowGroup = null, string? column = null)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (Wrappable(e))
        {
            throw Wrap(e, filePath, rowGroup, column);
        }
    }

    /// <summary>Our own errors pass through; cancellation and I/O failures of the disk are not the file's fault.</summary>
    private static bool Wrappable(Exception e) =>
        e is not (ParquetFormatException or OperationCanceledException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException);

    public static ParquetFormatException Wrap(Exception e, string filePath, int? rowGroup, string? column)
    {
        string where = (rowGroup, column) switch
        {
            (int g, string c) => $" in row group {g}, column '{c}'",
            (int g, null) => $" in row group {g}",
            (null, string c) => $" in column '{c}'",
            _ => "",
        };
        // The library's message says what was wrong (bad magic, unexpected end, unknown codec); a lying length that
        // runs out of memory or an index error says nothing useful, so those get a plain description.
        string reason = e switch
        {
            global::Parquet.ParquetException or NotSupportedException or InvalidDataException or IOException => e.Message,
            OutOfMemoryException => "a size or count in the file is implausibly large",
            _ => $"the file's structure is inconsistent ({e.GetType().Name})",
        };
        return new ParquetFormatException($"Parquet file '{filePath}' is corrupt or not Parquet{where}: {reason}", e)
        {
            FilePath = filePath,
            RowGroup = rowGroup,
            ColumnName = column,
        };
    }
}
