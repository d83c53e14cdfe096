using System.Globalization;

namespace Predictor.Worker.Inbox;

/// <summary>
/// A file taken from the inbox. Its name in processing/ is <c>{ClaimId}__{OriginalName}</c>: the folder itself is
/// the journal of unfinished work, and the claim id makes output names unique yet identical when a file is redone
/// after a crash (so a redo replaces, never duplicates).
/// </summary>
internal sealed record ClaimedFile(string ClaimId, string OriginalName, string Path)
{
    private const string Separator = "__";
    private static long _sequence;

    public string Extension => System.IO.Path.GetExtension(OriginalName).ToLowerInvariant();

    /// <summary>The base of every output name: <c>{ClaimId}__{name without extension}</c>.</summary>
    public string OutputStem => ClaimId + Separator + System.IO.Path.GetFileNameWithoutExtension(OriginalName);

    public string ProcessingName => ClaimId + Separator + OriginalName;

    public static string NewClaimId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-"
        + Interlocked.Increment(ref _sequence).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Reads back a claim left in processing/ by an earlier run.</summary>
    public static ClaimedFile? FromProcessingPath(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        int split = name.IndexOf(Separator, StringComparison.Ordinal);
        return split <= 0 ? null : new ClaimedFile(name[..split], name[(split + Separator.Length)..], path);
    }
}
