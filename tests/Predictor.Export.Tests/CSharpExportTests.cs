using System.Diagnostics;
using System.Globalization;
using Predictor.Export.CSharp;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Export.Tests;

public class CSharpExportTests
{
    [Fact]
    public void The_generated_file_compiles_alone_and_scores_bit_for_bit_like_the_library()
    {
        var train = ExportData.Patients(3000, seed: 5);
        var model = BoostingTrainer.Train(train, GbdtPresets.FastTree with { Trees = 25, Threads = 1, MaxOneHotLevels = 2 }).Model;
        var artifact = new ModelArtifact(model, new ModelMetadata { Calibration = new PlattCalibration(0.9, -0.1), Threshold = new DecisionThreshold(0.4, "youden") });
        // Knots spread over the patients' probabilities so that most scores fall between two knots (interpolated).
        var isotonic = new ModelArtifact(model, new ModelMetadata
        {
            Calibration = new IsotonicCalibration([0.05, 0.2, 0.33, 0.5, 0.61, 0.8, 0.93], [0.02, 0.1, 0.1, 0.45, 0.7, 0.85, 0.99]),
        });

        string directory = RepoPaths.TempDirectory();
        using (var writer = File.CreateText(Path.Combine(directory, "ResistanceModel.cs"))) CSharpExporter.Write(artifact, writer, "Exported.Models");
        using (var writer = File.CreateText(Path.Combine(directory, "IsotonicModel.cs"))) CSharpExporter.Write(isotonic, writer, "Exported.Models", "IsotonicModel");
        // A stand-alone project: nothing but the generated file and a driver that prints raw scores and probabilities.
        File.WriteAllText(Path.Combine(directory, "Check.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>" +
            "<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System.Globalization;
            foreach (var line in File.ReadLines(args[0]))
            {
                var row = line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Console.WriteLine(Exported.Models.ResistanceModel.PredictRaw(row).ToString("R", CultureInfo.InvariantCulture) + ","
                    + Exported.Models.ResistanceModel.Predict(row).ToString("R", CultureInfo.InvariantCulture) + ","
                    + Exported.Models.IsotonicModel.Predict(row).ToString("R", CultureInfo.InvariantCulture));
            }
            """);
        var patients = ExportData.Patients(500, seed: 6);
        var rows = Enumerable.Range(0, patients.RowCount).Select(patients.Row).ToList();
        rows[0][3] = 17; // unknown category code: scored like missing in both
        File.WriteAllLines(Path.Combine(directory, "rows.csv"), rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

        var lines = RunDotnet(directory, "run", "-c", "Release", "--", Path.Combine(directory, "rows.csv"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(rows.Count, lines.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            var parts = lines[i].Split(',');
            Assert.Equal(model.PredictRaw(rows[i]), double.Parse(parts[0], CultureInfo.InvariantCulture));
            Assert.Equal(artifact.Predict(rows[i]), double.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.Equal(isotonic.Predict(rows[i]), double.Parse(parts[2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Bad_type_names_and_unsupported_calibration_are_refused()
    {
        var model = new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric)], [RegressionTree.Constant(0.5)], 0);
        Assert.Throws<ArgumentException>(() => CSharpExporter.Write(new ModelArtifact(model), TextWriter.Null, "Bad Namespace"));
        var custom = new ModelArtifact(model, new ModelMetadata { Calibration = new HalvingCalibration() });
        Assert.Throws<NotSupportedException>(() => CSharpExporter.Write(custom, TextWriter.Null));
    }

    /// <summary>A calibration the exporter cannot know how to write.</summary>
    private sealed class HalvingCalibration : ProbabilityCalibration
    {
        public override string Method => "halving";

        public override double Apply(double rawScore, double probability) => probability / 2;
    }

    internal static string RunDotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed: {output} {error.Result}");
        return output;
    }
}
