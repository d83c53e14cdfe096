using System.Diagnostics;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

/// <summary>
/// The README's "Coming from XGBoost, LightGBM or ML.NET" commands run as written: each line of the section's sh block
/// is a <c>dotnet run --project src/Training/Predictor.Cli -- ...</c> command, run here with the built CLI (the same
/// program <c>dotnet run</c> builds) in a folder holding a copy of <c>data/</c>, as the repository root does. A separate
/// process per command, so that relative paths resolve against that folder and not the test process's directory.
/// </summary>
public class ReadmeCommandsTests
{
    private const string Section = "## Coming from XGBoost, LightGBM or ML.NET";
    private const string Prefix = "dotnet run --project src/Training/Predictor.Cli -- ";

    private static IReadOnlyList<string> Commands()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        int start = Array.IndexOf(lines, Section);
        Assert.True(start >= 0, $"README.md has no '{Section}' section");
        var section = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
        int open = Array.IndexOf(section, "```sh");
        Assert.True(open >= 0, "the section has no ```sh block");
        return [.. section.Skip(open + 1).TakeWhile(l => l != "```")];
    }

    [Fact]
    public async Task The_sections_commands_run_as_written()
    {
        var commands = Commands();
        Assert.True(commands.Count >= 5, "expected the section's commands");
        var root = RepoPaths.TempDirectory();
        Directory.CreateDirectory(Path.Combine(root, "data"));
        foreach (var file in new[] { "cohort.csv", "cohort-5000.csv", "train.json" })
            File.Copy(RepoPaths.Data(file), Path.Combine(root, "data", file));
        string cli = Path.Combine(AppContext.BaseDirectory, "predictor.dll");
        foreach (var command in commands)
        {
            Assert.StartsWith(Prefix, command, StringComparison.Ordinal);
            Assert.DoesNotContain('"', command);
            Assert.DoesNotContain('\'', command);
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(cli);
            foreach (var argument in command[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"README command `{command}` failed ({process.ExitCode}):\n{await stdout}\n{stderr}");
        }
        foreach (var output in new[] { "model.json", "predictions.csv", "importance.csv", "model.txt", "model-fasttree.json", "model-xgboost.json" })
            Assert.True(File.Exists(Path.Combine(root, output)), output + " was not written");
    }
}
