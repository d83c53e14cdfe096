using System.Reflection;

namespace Predictor.Architecture.Tests;

/// <summary>
/// The arrows between the product's projects (docs/ARCHITECTURE.md): each project may use at most the projects listed
/// for it, so the scoring library, the data layer and the chart library stay free of the product's other projects.
/// </summary>
public class ProjectDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Predictor.Scoring"] = [],
        ["Predictor.Data"] = [],
        ["Predictor.Reporting"] = [],
        ["Predictor.Scoring.Tables"] = ["Predictor.Data", "Predictor.Scoring"],
        ["Predictor.Export"] = ["Predictor.Scoring"],
        ["Predictor.Scoring.MLNet"] = ["Predictor.Scoring"],
        ["Predictor.Fhir"] = ["Predictor.Scoring"],
        ["Predictor.Worker.PostgreSql"] = [],
        ["Predictor.Worker"] = ["Predictor.Data", "Predictor.Scoring", "Predictor.Scoring.Tables", "Predictor.Fhir", "Predictor.Worker.PostgreSql"],
        ["Predictor.Training"] = ["Predictor.Data", "Predictor.Scoring"],
        ["Predictor.Training.MLNet"] = ["Predictor.Data", "Predictor.Scoring", "Predictor.Training"],
        ["Predictor.Survival"] = ["Predictor.Data"],
        ["Predictor.Reports"] = ["Predictor.Reporting", "Predictor.Training", "Predictor.Survival", "Predictor.Data", "Predictor.Scoring"],
    };

    public static TheoryData<string> Projects() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_uses_only_the_layers_below_it(string assemblyName)
    {
        var used = Assembly.Load(assemblyName).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Predictor.", StringComparison.Ordinal) || n == "predictor")
            .Order(StringComparer.Ordinal);
        Assert.Empty(used.Except(Allowed[assemblyName], StringComparer.Ordinal));
    }

    /// <summary>ML.NET stays in its own project: the scoring library and the core learner never load it.</summary>
    [Theory]
    [InlineData("Predictor.Scoring")]
    [InlineData("Predictor.Training")]
    [InlineData("Predictor.Data")]
    public void Only_the_MLNet_project_uses_MLNet(string assemblyName)
    {
        var used = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(used, n => n.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.Contains(Assembly.Load("Predictor.Training.MLNet").GetReferencedAssemblies(), a => a.Name == "Microsoft.ML.FastTree");
    }

    [Fact]
    public void The_learner_is_seen_to_use_the_scoring_library()
    {
        // Guards the check above against reading nothing.
        var used = Assembly.Load("Predictor.Training").GetReferencedAssemblies().Select(a => a.Name);
        Assert.Contains("Predictor.Scoring", used);
    }
}
