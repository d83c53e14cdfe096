using System.Diagnostics;
using System.Globalization;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Scoring.Tests;

/// <summary>
/// Runs the commands of samples/ScoringSample/README.md as written (pack Predictor.Scoring into the sample's
/// packages/, <c>dotnet run</c> against it; the sample's NuGet.config restores into its own .nuget-cache, so no cached or
/// project copy can stand in), then builds the sample and checks it scores the bundled model exactly as the library
/// does. One pack, one run and one build: about a minute.
/// </summary>
public sealed class PackagedSampleTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("scoring-sample-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void The_sample_app_built_from_the_packed_package_scores_like_the_library()
    {
        // The sample's README commands use ../../src and ../../models: a copy at samples/ScoringSample under a folder
        // that links to everything else at the repository's top (src, models, Directory.*.props) runs them as written.
        string sample = Path.Combine(_work, "samples", "ScoringSample");
        CopySample(Path.Combine(RepoPaths.Root, "samples", "ScoringSample"), sample);
        // The packed project itself is copied, not linked: its restore under the sample's NuGet.config would otherwise
        // rewrite the repository's obj/ while dotnet test still builds the projects that reference it.
        CopyProject(Path.Combine(RepoPaths.Root, "src", "Inference", "Predictor.Scoring"), Path.Combine(_work, "src", "Inference", "Predictor.Scoring"));
        foreach (var entry in new DirectoryInfo(RepoPaths.Root).EnumerateFileSystemInfos().Where(e => e.Name is not "samples" and not ".git" and not "src"))
        {
            string link = Path.Combine(_work, entry.Name);
            if (entry is DirectoryInfo) Directory.CreateSymbolicLink(link, entry.FullName);
            else File.CreateSymbolicLink(link, entry.FullName);
        }
        var documented = DocumentedCommands(Path.Combine(sample, "README.md"));
        Assert.Equal(2, documented.Count);
        string runOutput = "";
        foreach (string command in documented)
        {
            var (exit, stdout, stderr) = Run("bash", ["-c", command], sample);
            Assert.True(exit == 0, $"README command `{command}` failed ({exit}):\n{stdout}\n{stderr}");
            runOutput = stdout;
        }
        Assert.Contains("probability=", runOutput, StringComparison.Ordinal);
        // The restore stayed beside the sample (its NuGet.config), not in the user's global cache.
        Assert.True(Directory.Exists(Path.Combine(sample, ".nuget-cache", "predictor.scoring")));

        var package = Assert.Single(Directory.GetFiles(Path.Combine(sample, "packages"), "Predictor.Scoring.*.nupkg"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/Predictor.Scoring.xml");
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.DoesNotContain("<dependency", new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd(), StringComparison.Ordinal);
        }
        string output = Path.Combine(_work, "out");
        Dotnet($"build \"{sample}\" -c Release -o \"{output}\"");
        Assert.False(File.Exists(Path.Combine(output, "Predictor.Training.dll")));
        Assert.True(File.Exists(Path.Combine(output, "Predictor.Scoring.dll")));
        // The documented run printed what the built sample prints for its example patient.
        Assert.Equal(runOutput, Run("dotnet", $"\"{Path.Combine(output, "ScoringSample.dll")}\" \"{Path.Combine(RepoPaths.Root, "models", "resistance.model.json")}\"").Stdout);

        string model = Path.Combine(RepoPaths.Root, "models", "resistance.model.json");
        var artifact = ModelJson.ReadArtifactFile(model);
        var patients = new[]
        {
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["age_years"] = 71.0, ["sex"] = "F", ["etiology"] = "HCV", ["child_pugh"] = 1.0, ["ecog_ps"] = 0.0, ["bclc_stage"] = 3.0,
                ["tumor_size_cm"] = 11.2, ["tumor_count"] = 4.0, ["microvascular_invasion"] = false, ["afp_ng_ml"] = 1250.5,
                ["treatment"] = "lenvatinib", ["pi3k_hscore"] = 240.0, ["p_akt_hscore"] = 280.0, ["p_mtor_hscore"] = 90.0,
                ["pten_hscore"] = 20.0, ["mdr1_hscore"] = 210.0, ["bcl2_hscore"] = 30.0,
                ["mir_21"] = 2.5, ["mir_155"] = null, ["mir_205_5p"] = 0.4, ["mir_144_3p"] = null,
            },
        };
        foreach (var patient in patients)
        {
            var args = patient.Select(p => $"{p.Key}={Format(p.Value)}");
            var (exit, stdout, stderr) = Run("dotnet", $"\"{Path.Combine(output, "ScoringSample.dll")}\" \"{model}\" {string.Join(' ', args)}");
            Assert.True(exit == 0, stderr);
            string line = stdout.Split('\n').Single(l => l.StartsWith("probability=", StringComparison.Ordinal)).Trim();
            double probability = double.Parse(line["probability=".Length..], CultureInfo.InvariantCulture);
            Assert.Equal(new PatientScorer(artifact).Score(patient).Probability, probability);
        }
        // The default example patient scores too, and a misspelt category is refused by the packaged strict policy.
        Assert.Equal(0, Run("dotnet", $"\"{Path.Combine(output, "ScoringSample.dll")}\" \"{model}\"").ExitCode);
        var refused = Run("dotnet", $"\"{Path.Combine(output, "ScoringSample.dll")}\" \"{model}\" " +
            string.Join(' ', patients[0].Select(p => $"{p.Key}={(p.Key == "sex" ? "female" : Format(p.Value))}")));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("UnknownCategory: Feature 'sex'", refused.Stderr, StringComparison.Ordinal);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => (string)value,
    };

    private static void CopyProject(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not "bin" and not "obj"))
            CopyProject(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static void CopySample(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>The lines of the README's first sh block: the commands a reader runs.</summary>
    private static List<string> DocumentedCommands(string readme)
    {
        var lines = File.ReadAllLines(readme);
        int start = Array.IndexOf(lines, "```sh") + 1;
        Assert.True(start > 0, "samples/ScoringSample/README.md has no ```sh block");
        return [.. lines.Skip(start).TakeWhile(l => l != "```").Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    private void Dotnet(string arguments)
    {
        var (exit, stdout, stderr) = Run("dotnet", arguments);
        Assert.True(exit == 0, $"dotnet {arguments} failed ({exit}):\n{stdout}\n{stderr}");
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string program, string arguments) =>
        Run(new ProcessStartInfo(program, arguments) { WorkingDirectory = _work });

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return Run(start);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        string program = start.FileName, arguments = string.Join(' ', start.ArgumentList.Count > 0 ? start.ArgumentList : [start.Arguments]);
        // Keep the child build away from this test run's MSBuild node reuse and environment overrides.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish in 5 minutes.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
