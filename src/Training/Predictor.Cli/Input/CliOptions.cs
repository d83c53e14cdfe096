using System.CommandLine;
using System.Globalization;
using Predictor.Data.Errors;

namespace Predictor.Cli.Input;

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

    /// <summary><c>--linear-start</c>, spelt the same by every verb that runs the default pipeline.</summary>
    public static Option<bool> LinearStartOption() => new("--linear-start")
    {
        Description = "Let tuning also boost from a penalised logistic regression (ridge, elastic net or lasso, chosen by cross-validation; kept only when cross-validation prefers it): true (default) or false for trees from the base rate only.",
        DefaultValueFactory = _ => true,
    };

    /// <summary><c>--baseline-l1-ratio</c>, spelt the same by every verb that fits the logistic comparator.</summary>
    public static Option<double> BaselineL1RatioOption() => new("--baseline-l1-ratio")
    {
        Description = "L1 share of the logistic comparator's penalty: 0 = ridge (default), up to 1 = lasso; between, an elastic net.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>The <c>--baseline-l1-ratio</c> value, checked.</summary>
    public static double BaselineL1Ratio(ParseResult parse, Option<double> option)
    {
        double value = parse.GetValue(option);
        return value is >= 0 and <= 1 ? value
            : throw new PredictorInputException($"--baseline-l1-ratio must be in [0, 1] (got {value.ToString(CultureInfo.InvariantCulture)}).");
    }
}
