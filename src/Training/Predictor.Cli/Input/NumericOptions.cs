using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Predictor.Cli.Input;

/// <summary>
/// The one rule for every numeric option: invariant culture, '.' as the decimal point, no thousands separators, an
/// optional exponent (1e-3). System.CommandLine's own conversion accepts thousands separators, so <c>0,1</c> would
/// silently become 1; here it is a usage error naming the option. Applied to the whole command tree once, so a verb
/// added later gets the rule without remembering it. Numeric cells in CSV files follow the same rule
/// (<c>Predictor.Data.Csv.Utf8Values</c>).
/// </summary>
internal static class NumericOptions
{
    private const NumberStyles Decimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
    private const NumberStyles Whole = NumberStyles.AllowLeadingSign;

    public static void Apply(Command command)
    {
        foreach (var option in command.Options) Apply(option);
        foreach (var sub in command.Subcommands) Apply(sub);
    }

    /// <summary>
    /// The first numeric option given a value that breaks the rule, as its one-line message. System.CommandLine
    /// reports a missing required option before a bad value, but the bad value is the mistake to show.
    /// </summary>
    public static string? FirstError(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        foreach (var option in parsed.CommandResult.Command.Options)
        {
            if (parsed.GetResult(option) is not OptionResult { Tokens.Count: > 0 } result) continue;
            string text = result.Tokens[^1].Value;
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            string? error = type == typeof(double) ? ParseDouble(text, option.Name).Item2
                : type == typeof(int) ? ParseInt(text, option.Name).Item2
                : type == typeof(long) ? ParseLong(text, option.Name).Item2
                : type == typeof(ulong) ? ParseUlong(text, option.Name).Item2
                : null;
            if (error is not null) return error;
        }
        return null;
    }

    private static void Apply(Option option)
    {
        switch (option)
        {
            case Option<double> o: o.CustomParser = r => Convert(r, o.DefaultValueFactory, ParseDouble); break;
            case Option<double?> o: o.CustomParser = r => Convert(r, o.DefaultValueFactory, Lift<double>(ParseDouble)); break;
            case Option<int> o: o.CustomParser = r => Convert(r, o.DefaultValueFactory, ParseInt); break;
            case Option<int?> o: o.CustomParser = r => Convert(r, o.DefaultValueFactory, Lift<int>(ParseInt)); break;
            case Option<long> o: o.CustomParser = r => Convert(r, o.DefaultValueFactory, ParseLong); break;
            case Option<ulong> o: o.CustomParser = r => Convert(r, o.DefaultValueFactory, ParseUlong); break;
            case Option<float> or Option<decimal> or Option<short> or Option<uint>:
                throw new InvalidOperationException($"{option.Name}: add its type to NumericOptions so it follows the numeric rule.");
        }
    }

    private static T? Convert<T>(ArgumentResult result, Func<ArgumentResult, T>? defaultValue, Func<string, string, (T Value, string? Error)> parse)
    {
        if (result.Tokens.Count == 0) return defaultValue is null ? default : defaultValue(result);
        string name = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        var (value, error) = parse(result.Tokens[^1].Value, name);
        if (error is not null) result.AddError(error);
        return value;
    }

    private static Func<string, string, (T?, string?)> Lift<T>(Func<string, string, (T, string?)> parse) where T : struct =>
        (text, name) => parse(text, name) is var (value, error) ? (error is null ? value : null, error) : default;

    private static (double, string?) ParseDouble(string text, string name) =>
        double.TryParse(text, Decimal, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? (value, null)
            : (0, $"{name} expects a number written with '.' as the decimal point and no thousands separator (e.g. 0.1 or 1e-3); got '{text}'.");

    private static (int, string?) ParseInt(string text, string name) =>
        int.TryParse(text, Whole, CultureInfo.InvariantCulture, out int value)
            ? (value, null)
            : (0, $"{name} expects a whole number (e.g. 3); got '{text}'.");

    private static (long, string?) ParseLong(string text, string name) =>
        long.TryParse(text, Whole, CultureInfo.InvariantCulture, out long value)
            ? (value, null)
            : (0, $"{name} expects a whole number (e.g. 3); got '{text}'.");

    private static (ulong, string?) ParseUlong(string text, string name) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? (value, null)
            : (0, $"{name} expects a whole number of 0 or more (e.g. 42); got '{text}'.");
}
