using System.Globalization;
using Predictor.Export.CSharp;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Export.Tests;

public class LinearMarginCSharpTests
{
    [Fact]
    public void Generated_code_scores_linear_margins_with_and_without_trees_bit_for_bit_like_the_library()
    {
        var withTrees = LinearModels.WithTrees();
        var models = new (string Class, ModelArtifact Artifact)[]
        {
            ("LinearTrees", new ModelArtifact(withTrees, new ModelMetadata { Calibration = new PlattCalibration(0.85, -0.12) })),
            ("PureLinear", new ModelArtifact(LinearModels.PureLinear(withTrees),
                new ModelMetadata { Calibration = new IsotonicCalibration([0.05, 0.2, 0.5, 0.8, 0.93], [0.02, 0.1, 0.45, 0.85, 0.99]) })),
            ("BaseOnly", new ModelArtifact(LinearModels.BaseOnly(withTrees))),
        };
        // A term on a categorical feature without levels: every code is unknown, so it is always the missing value. Its
        // name holds a quote and a Unicode line separator, which would end a C# comment or string if written raw.
        var site = new ModelArtifact(new TreeEnsemble(
            [new ModelFeature("x", FeatureKind.Numeric), new ModelFeature("site\u2028\"code\"", FeatureKind.Categorical, [])], [], -0.5,
            new LinearMargin([LinearTerm.Numeric(0, 0.3, -1, 0), LinearTerm.Categorical(1, [], 0.75, 0.75)])));

        string directory = RepoPaths.TempDirectory();
        foreach (var (name, artifact) in models.Append(("Site", site)))
        {
            using var writer = File.CreateText(Path.Combine(directory, name + ".cs"));
            CSharpExporter.Write(artifact, writer, "Exported.Linear", name);
        }
        File.WriteAllText(Path.Combine(directory, "Check.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>" +
            "<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup></Project>");
        // Prints raw score and probability of each model for every row of the patient file, then of the site model.
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System.Globalization;
            static double[] Parse(string line) => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
            foreach (var line in File.ReadLines(args[0]))
            {
                var r = Parse(line);
                Console.WriteLine(string.Join(",", new[]
                {
                    Exported.Linear.LinearTrees.PredictRaw(r), Exported.Linear.LinearTrees.Predict(r),
                    Exported.Linear.PureLinear.PredictRaw(r), Exported.Linear.PureLinear.Predict(r),
                    Exported.Linear.BaseOnly.PredictRaw(r), Exported.Linear.BaseOnly.Predict(r),
                }.Select(Text)));
            }
            foreach (var line in File.ReadLines(args[1]))
                Console.WriteLine(Text(Exported.Linear.Site.PredictRaw(Parse(line))) + "," + Text(Exported.Linear.Site.Predict(Parse(line))));
            """);
        var rows = LinearModels.Rows(400);
        double[][] siteRows = [[1, 0], [2, double.NaN], [double.NaN, 1], [0.5, 2.5], [-7, -1]];
        WriteRows(Path.Combine(directory, "rows.csv"), rows);
        WriteRows(Path.Combine(directory, "site.csv"), siteRows);

        var lines = CSharpExportTests.RunDotnet(directory, "run", "-c", "Release", "--", Path.Combine(directory, "rows.csv"), Path.Combine(directory, "site.csv"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(rows.Count + siteRows.Length, lines.Length);
        var generated = lines.Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            for (int m = 0; m < models.Length; m++)
            {
                Assert.Equal(models[m].Artifact.Model.PredictRaw(rows[i]), generated[i][2 * m]);
                Assert.Equal(models[m].Artifact.Predict(rows[i]), generated[i][2 * m + 1]);
            }
        }
        for (int i = 0; i < siteRows.Length; i++)
        {
            Assert.Equal(site.Model.PredictRaw(siteRows[i]), generated[rows.Count + i][0]);
            Assert.Equal(site.Predict(siteRows[i]), generated[rows.Count + i][1]);
        }
        // By hand: base + (terms summed from zero in stored order), site always its missing value.
        Assert.Equal(-0.5 + (0.3 * 2 + 0.75), generated[rows.Count + 1][0]);

        // Mutation check: the comparison is bit for bit, so moving any number of the margin by a relative 1e-12 (far below
        // any float tolerance, a few ulps of the raw score) shows up.
        var terms = LinearModels.Terms;
        var mutants = new[]
        {
            LinearModels.WithTerm(withTrees, 0, LinearTerm.Numeric(0, Nudge(terms[0].Slope), terms[0].MissingValue, 0)),
            LinearModels.WithTerm(withTrees, 1, LinearTerm.Numeric(2, terms[1].Slope, Nudge(terms[1].MissingValue), 0)),
            LinearModels.WithTerm(withTrees, 2, LinearTerm.Categorical(3, [.. terms[2].LevelValues.Select((v, k) => k == 4 ? Nudge(v) : v)], terms[2].MissingValue, 0)),
            LinearModels.WithTerm(withTrees, 2, LinearTerm.Categorical(3, [.. terms[2].LevelValues], Nudge(terms[2].MissingValue), 0)),
            new TreeEnsemble(withTrees.Features, withTrees.Trees, Nudge(withTrees.BaseScore), withTrees.Linear),
        };
        for (int k = 0; k < mutants.Length; k++)
            Assert.True(Enumerable.Range(0, rows.Count).Any(i => mutants[k].PredictRaw(rows[i]) != generated[i][0]), $"mutant {k} scores like the generated code");
    }

    private static double Nudge(double value) => value * (1 + 1e-12);

    private static void WriteRows(string path, IEnumerable<double[]> rows) =>
        File.WriteAllLines(path, rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
}
