using System.CommandLine;

namespace Predictor.Cli;

/// <summary>Options shared by several verbs, so that they are spelt and described the same everywhere.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print full details (stack traces) for errors.",
        Recursive = true,
    };

    public static Option<int> Seed(int defaultValue = 42) => new("--seed")
    {
        Description = "Random seed; the same seed and inputs give the same result byte for byte.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<FileInfo> OutputFile(string description) => new("--out")
    {
        Description = description,
        Required = true,
    };

    public static Option<FileInfo> DataFile(string description = "Cohort file (.csv or .parquet).") => new("--data")
    {
        Description = description,
        Required = true,
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Worker threads (default: all cores). Results do not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public static Option<string[]> MissingTokens() => new("--na")
    {
        Description = "Extra text that means a missing value (repeatable), e.g. --na ? --na NA. Empty fields are always missing.",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };
}
