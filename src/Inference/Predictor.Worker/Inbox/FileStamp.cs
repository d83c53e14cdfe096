namespace Predictor.Worker.Inbox;

/// <summary>
/// What the inbox compares to tell that a file changed: its size and last write time (which moves with every write,
/// even one that keeps the size). A missing file has its own stamp.
/// </summary>
internal readonly record struct FileStamp(long Length, DateTime Written)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : new FileStamp(-1, default);
    }

    public bool Exists => Length >= 0;
}
