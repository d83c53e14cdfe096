namespace Predictor.Worker.Inbox;

/// <summary>
/// Writes a file so that readers (and a restart after a crash) see either nothing or the whole file: write to a
/// hidden temporary name in the same folder, flush to disk, then rename over the target.
/// </summary>
internal static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + TempSuffix);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes temporary files a crash left behind (they were never renamed, so nobody relied on them).</summary>
    public static void DeleteLeftovers(string folder)
    {
        foreach (var temp in Directory.EnumerateFiles(folder, "*" + TempSuffix)) TryDelete(temp);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is hidden, ignored by the inbox and removed at the next start.
        }
    }
}
