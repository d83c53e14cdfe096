using System.Diagnostics;

namespace Predictor.Tests.Common;

/// <summary>
/// External peers some tests compare against (reference implementations outside .NET). On a machine with only the
/// .NET SDK such a test is skipped with the install line below; with <c>CI=true</c> (set by .ci/run) it always runs,
/// so a missing peer fails CI instead of hiding.
/// </summary>
internal static class Peers
{
    public const string XGBoost = "python3-xgboost";
    public const string Sklearn = "python3-sklearn";
    public const string Node = "node";
    public const string Chromium = "chromium";

    /// <summary>The one line every skipped test shows: what to install, and that CI requires it.</summary>
    public const string InstallLine =
        "install the peers with `bash .ci/run` (or: apt-get install python3-xgboost python3-sklearn nodejs npm chromium); with CI=true a missing peer fails";

    private static readonly Dictionary<string, Lazy<bool>> Available = new(StringComparer.Ordinal)
    {
        [XGBoost] = new(() => Succeeds(Python, "-c \"import xgboost\"")),
        [Sklearn] = new(() => Succeeds(Python, "-c \"import sklearn\"")),
        [Node] = new(() => Succeeds("node", "--version") && (Succeeds("npm", "--version") || Directory.Exists(Path.Combine(RepoPaths.Root, "tools", "node", "node_modules")))),
        [Chromium] = new(() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PREDICTOR_CHROMIUM"))
            || new[] { "chromium", "chromium-browser", "google-chrome" }.Any(OnPath)),
    };

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Python => Environment.GetEnvironmentVariable("PREDICTOR_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Null when the test should run, else the skip reason naming the missing peers.</summary>
    public static string? SkipReason(IEnumerable<string> peers)
    {
        if (InCi) return null;
        var missing = peers.Where(p => !Available.TryGetValue(p, out var check) || !check.Value).ToList();
        return missing.Count == 0 ? null : $"peer missing: {string.Join(", ", missing)}; {InstallLine}";
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, name)));

    private static bool Succeeds(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return false;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs external peers (see <see cref="Peers"/>): skipped locally when one is missing, required in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute(params string[] peers) => Skip = Peers.SkipReason(peers);
}

/// <summary>A theory that needs external peers (see <see cref="Peers"/>): skipped locally when one is missing, required in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PeerTheoryAttribute : TheoryAttribute
{
    public PeerTheoryAttribute(params string[] peers) => Skip = Peers.SkipReason(peers);
}
