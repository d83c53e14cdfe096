using System.Diagnostics;
using System.Globalization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Scoring.MLNet.Tests;

/// <summary>
/// Packs Predictor.Scoring and Predictor.Scoring.MLNet, builds samples/MLNetScoringSample against the packages from a
/// local folder (its own NuGet.config, a private packages folder) and checks the ML.NET app's probabilities equal the
/// library's on bundled-cohort patients (missing values, every category).
/// </summary>
public sealed class PackagedSampleTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("mlnet-sample-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void The_ML_NET_sample_built_from_the_packed_packages_scores_like_the_library()
    {
        string sample = Path.Combine(_work, "sample"), packages = Path.Combine(sample, "packages");
        Directory.CreateDirectory(sample);
        foreach (string file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples", "MLNetScoringSample")))
            File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
        // --no-build: this test project already built both in Release; compiling them again here would race with the
        // solution build that dotnet test runs beside it.
        foreach (string project in new[] { "Predictor.Scoring", "Predictor.Scoring.MLNet" })
            Dotnet($"pack \"{Path.Combine(RepoPaths.Root, "src", "Inference", project, project + ".csproj")}\" -c Release --no-build -o \"{packages}\"");
        var package = Assert.Single(Directory.GetFiles(packages, "Predictor.Scoring.MLNet.*.nupkg"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/Predictor.Scoring.MLNet.xml");
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            string nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
            Assert.Contains("id=\"Predictor.Scoring\"", nuspec, StringComparison.Ordinal);
            Assert.Contains("id=\"Microsoft.ML\" version=\"6.0.0\"", nuspec, StringComparison.Ordinal);
        }
        string output = Path.Combine(_work, "out");
        Dotnet($"build \"{sample}\" -c Release --packages \"{Path.Combine(_work, "nuget")}\" -o \"{output}\"");
        Assert.True(File.Exists(Path.Combine(output, "Predictor.Scoring.MLNet.dll")));
        Assert.False(File.Exists(Path.Combine(output, "Predictor.Training.dll")));

        var artifact = BundledCohort.Artifact;
        var features = artifact.Model.Features;
        var rows = BundledCohort.Rows.Take(300).ToList();
        string csv = Path.Combine(_work, "patients.csv");
        File.WriteAllLines(csv, new[] { string.Join(',', features.Select(f => f.Name)) }.Concat(rows.Select(row =>
            string.Join(',', features.Select((f, i) => double.IsNaN(row[i]) ? "" :
                f.Kind == FeatureKind.Categorical ? f.Levels[(int)row[i]] : row[i].ToString("R", CultureInfo.InvariantCulture))))));

        var (exit, stdout, stderr) = Run("dotnet", $"\"{Path.Combine(output, "MLNetScoringSample.dll")}\" \"{BundledCohort.ModelPath}\" \"{csv}\"");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("probability=", StringComparison.Ordinal)).ToList();
        Assert.Equal(rows.Count, lines.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var parts = lines[i].Split(' ');
            double probability = double.Parse(parts[0]["probability=".Length..], CultureInfo.InvariantCulture);
            double expected = artifact.Predict(rows[i]);
            Assert.Equal(expected, probability, 1e-12);
            Assert.Equal(artifact.IsPositive(expected) ? "predicted=1" : "predicted=0", parts[1]);
        }
    }

    private void Dotnet(string arguments)
    {
        var (exit, stdout, stderr) = Run("dotnet", arguments);
        Assert.True(exit == 0, $"dotnet {arguments} failed ({exit}):\n{stdout}\n{stderr}");
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _work,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish in 8 minutes.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
