using System.Diagnostics;

namespace Predictor.Tests.Common;

/// <summary>
/// Runs the repository's Node.js reference tools (tools/node: DuckDB through @duckdb/node-api). Installs
/// the locked packages once per test run when any is missing from node_modules, then runs a script with node and
/// returns its output. Fails with a message naming the command to run when node or npm is absent.
/// <c>npm ci</c> installs exactly the lock without rewriting it (the lock lists every platform's optional DuckDB
/// binary; only this platform's is fetched); no install scripts are needed (DuckDB ships its binary as a package).
/// </summary>
internal static class NodeTools
{
    public const string InstallCommand = "npm ci --ignore-scripts --no-audit --no-fund";
    private static readonly object InstallLock = new();
    private static bool _installed;

    public static string Folder => Path.Combine(RepoPaths.Root, "tools", "node");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Makes sure tools/node/node_modules exists, running <see cref="InstallCommand"/> there if not.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (_installed) return;
            if (MissingPackages().Any())
            {
                var result = Execute("npm", InstallCommand["npm ".Length..], TimeSpan.FromMinutes(5));
                if (result.ExitCode != 0)
                    throw new InvalidOperationException($"'{InstallCommand}' failed in {Folder} (exit {result.ExitCode}):\n{result.Stderr}");
            }
            _installed = true;
        }
    }

    /// <summary>Dependencies in package.json that are not installed under node_modules.</summary>
    private static IEnumerable<string> MissingPackages()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "package.json")));
        if (!doc.RootElement.TryGetProperty("dependencies", out var dependencies)) return [];
        return dependencies.EnumerateObject()
            .Select(d => d.Name)
            .Where(name => !File.Exists(Path.Combine([Folder, "node_modules", .. name.Split('/'), "package.json"])))
            .ToList();
    }

    /// <summary>Runs <c>node SCRIPT ARGS</c> in tools/node and returns exit code and output.</summary>
    public static Result Run(string script, params string[] args)
    {
        EnsureInstalled();
        string arguments = string.Join(' ', new[] { script }.Concat(args).Select(Quote));
        return Execute("node", arguments, TimeSpan.FromMinutes(2));
    }

    /// <summary>Runs a script and returns its stdout, failing with its stderr when it exits non-zero.</summary>
    public static string RunOrFail(string script, params string[] args)
    {
        var result = Run(script, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"node {script} exited with {result.ExitCode}:\n{result.Stderr}");
        return result.Stdout;
    }

    private static Result Execute(string program, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' is not installed or not on PATH. Install Node.js and npm, then run '{InstallCommand}' in {Folder}.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {arguments} did not finish within {timeout}.");
            }
            return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string Quote(string s) => s.Contains(' ', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
        : s;
}
