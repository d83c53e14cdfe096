using System.Diagnostics;
using Predictor.Tests.Common;

namespace Predictor.Export.Tests;

/// <summary>Runs the scripts in tools/node, installing their npm packages on first use (npm install --ignore-scripts).</summary>
internal static class NodeRunner
{
    private static readonly Lazy<string> Tools = new(() =>
    {
        string directory = Path.Combine(RepoPaths.Root, "tools", "node");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "onnxruntime-node")))
            Run("npm", directory, "install", "--ignore-scripts", "--no-audit", "--no-fund");
        return directory;
    });

    public static void Script(string script, params string[] arguments) => Run("node", Tools.Value, [Path.Combine(Tools.Value, script), .. arguments]);

    private static void Run(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}; install Node.js (see .ci/run).");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}");
    }
}
