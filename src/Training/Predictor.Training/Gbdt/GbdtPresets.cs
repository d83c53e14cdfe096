namespace Predictor.Training.Gbdt;

/// <summary>Named starting points for <see cref="GbdtOptions"/>.</summary>
public static class GbdtPresets
{
    /// <summary>
    /// ML.NET FastTree's binary defaults: 100 trees, 20 leaves, learning rate 0.2, 10 rows per leaf, 255 bins, no L2.
    /// (FastTree drops training rows with missing values; this learner keeps them and learns their direction.)
    /// </summary>
    public static GbdtOptions FastTree { get; } = new();

    /// <summary>The project default: FastTree's settings with a light L2 penalty (1, XGBoost's default) for stabler leaves.</summary>
    public static GbdtOptions Default { get; } = new() { L2 = 1.0 };

    public static IReadOnlyList<string> Names { get; } = ["default", "fasttree"];

    /// <summary>A preset by name (case-insensitive).</summary>
    public static GbdtOptions ByName(string name) => name?.ToUpperInvariant() switch
    {
        "DEFAULT" => Default,
        "FASTTREE" => FastTree,
        _ => throw new ArgumentException($"Unknown preset '{name}'; expected one of: {string.Join(", ", Names)}."),
    };
}
