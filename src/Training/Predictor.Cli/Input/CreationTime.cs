using System.CommandLine;
using System.Globalization;
using Predictor.Data.Errors;

namespace Predictor.Cli.Input;

/// <summary>
/// The <c>createdUtc</c> a model file records. It is the only value in a model file that depends on when the run
/// happened, so fixing it (as reproducible builds do with <c>SOURCE_DATE_EPOCH</c>) makes the same data, seed and
/// options give the same file byte for byte, checksum included. Order: <c>--created</c>, then
/// <c>SOURCE_DATE_EPOCH</c> (seconds since 1970-01-01 UTC), then the current time.
/// </summary>
internal static class CreationTime
{
    public const string EnvironmentVariable = "SOURCE_DATE_EPOCH";

    public static Option<string?> Option() => new("--created")
    {
        Description = $"Creation time recorded in the model file (ISO 8601, e.g. 2026-01-31T00:00:00Z; default: {EnvironmentVariable} when set, else now). Fix it to make the model file reproducible byte for byte.",
    };

    public static DateTimeOffset Resolve(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(option) is { } text)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created)
                ? Truncate(created)
                : throw new PredictorInputException($"--created expects an ISO 8601 date and time such as 2026-01-31T00:00:00Z; got '{text}'.");
        }
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } epoch)
        {
            return long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds <= 253_402_300_799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : throw new PredictorInputException($"{EnvironmentVariable} must be whole seconds since 1970-01-01 UTC; got '{epoch}'.");
        }
        return Truncate(DateTimeOffset.UtcNow);
    }

    /// <summary>The file keeps milliseconds; anything finer would not survive a read and write.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcDateTime.Ticks - (time.UtcDateTime.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
