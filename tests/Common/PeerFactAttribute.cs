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
    public const string PostgreSql = "postgresql";

    /// <summary>The one line every skipped test shows: what to install, and that CI requires it.</summary>
    public const string InstallLine =
        "install the peers with `bash .ci/run` (or: apt-get install python3-xgboost python3-sklearn nodejs npm chromium postgresql); with CI=true a missing peer fails";

    private static readonly Dictionary<string, Lazy<bool>> Available = new(StringComparer.Ordinal)
    {
        [XGBoost] = new(() => Succeeds(Python, "-c \"import xgboost\"")),
        [Sklearn] = new(() => Succeeds(Python, "-c \"import sklearn\"")),
        [Node] = new(() => Succeeds("node", "--version") && (Succeeds("npm", "--version") || Directory.Exists(Path.Combine(RepoPaths.Root, "tools", "node", "node_modules")))),
        [Chromium] = new(() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PREDICTOR_CHROMIUM"))
            || new[] { "chromium", "chromium-browser", "google-chrome" }.Any(OnPath)),
        [PostgreSql] = new(() => PostgreSqlProgram("initdb") is not null && PostgreSqlProgram("pg_ctl") is not null),
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

    /// <summary>
    /// Where a PostgreSQL server program (initdb, pg_ctl) is: the newest Debian version under
    /// /usr/lib/postgresql/*/bin (Debian keeps them off PATH), else PATH; null when neither has it.
    /// <c>PREDICTOR_POSTGRESQL_BIN</c> names the one folder to use instead (other installs, or none to see the skip).
    /// </summary>
    public static string? PostgreSqlProgram(string name)
    {
        if (Environment.GetEnvironmentVariable("PREDICTOR_POSTGRESQL_BIN") is { Length: > 0 } folder)
            return File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var bin = Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, name)))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out int v) ? v : 0)
                .FirstOrDefault();
            if (bin is not null) return Path.Combine(bin, name);
        }
        return PathFolders().Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private static bool OnPath(string name) => PathFolders().Any(d => File.Exists(Path.Combine(d, name)));

    private static IEnumerable<string> PathFolders() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

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
