namespace Predictor.Worker.Inbox;

/// <summary>
/// Finds inbox files that are ready to claim. A file is ready once its size and write time have stayed the same for
/// the settle time, so a file still being copied in is left alone; names ending in <c>.part</c> or <c>.tmp</c> and
/// hidden files are never taken (writers may use them and rename when done).
/// </summary>
internal sealed class InboxScanner(string inbox, TimeSpan settleTime, TimeProvider clock)
{
    private readonly Dictionary<string, (long Length, DateTime Written, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<string> ReadyFiles()
    {
        var now = clock.GetUtcNow();
        var ready = new List<string>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(inbox).EnumerateFiles())
        {
            if (IsIgnored(info.Name)) continue;
            present.Add(info.FullName);
            var stamp = (info.Length, info.LastWriteTimeUtc);
            if (!_seen.TryGetValue(info.FullName, out var seen) || (seen.Length, seen.Written) != stamp)
            {
                _seen[info.FullName] = (stamp.Length, stamp.LastWriteTimeUtc, now);
                if (settleTime > TimeSpan.Zero) continue;
                seen = _seen[info.FullName];
            }
            if (now - seen.Since >= settleTime) ready.Add(info.FullName);
        }
        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList()) _seen.Remove(gone);
        ready.Sort(StringComparer.Ordinal);
        return ready;
    }

    private static bool IsIgnored(string name) =>
        name.StartsWith('.')
        || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);
}
