using System.CommandLine;
using System.Globalization;
using Predictor.Data.Errors;

namespace Predictor.Cli.Input;

/// <summary>
/// <c>--time-budget SECONDS</c> for the default tuning, as <c>mlnet --train-time</c>: the candidates are tried in grid
/// order, the first always, each later one only while the budget lasts; the best of those tried wins.
/// </summary>
internal static class TimeBudget
{
    public static Option<double?> Option() => new("--time-budget")
    {
        Description = "Seconds the default tuning may search: candidates are tried one after the other (the first always) and the best found within the budget is kept; the summary, --json and the report say when the budget cut the search. Refitting, calibration and the bootstrap come after and are not counted (the bootstrap repeats the same candidates). Default: no limit, every candidate.",
    };

    /// <summary>The budget, or null when none was given; refused unless it is more than 0 seconds.</summary>
    public static TimeSpan? Resolve(ParseResult parse, Option<double?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(option) is not { } seconds) return null;
        if (!(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds)
            throw new PredictorInputException(string.Create(CultureInfo.InvariantCulture, $"--time-budget expects a number of seconds above 0 (e.g. 60); got {seconds}."));
        return TimeSpan.FromSeconds(seconds);
    }
}
