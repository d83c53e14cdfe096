namespace Predictor.Worker.Configuration;

/// <summary>
/// The inbox's folders. A file moves inbox -> processing (claimed) -> done, or -> failed; outputs appear in outbox.
/// All live under one root so that every move is a rename on one file system (atomic).
/// </summary>
public sealed record WorkerFolders(string Root)
{
    public string Inbox => Path.Combine(Root, "inbox");

    public string Processing => Path.Combine(Root, "processing");

    public string Outbox => Path.Combine(Root, "outbox");

    public string Done => Path.Combine(Root, "done");

    public string Failed => Path.Combine(Root, "failed");

    public IEnumerable<string> All => [Inbox, Processing, Outbox, Done, Failed];
}
