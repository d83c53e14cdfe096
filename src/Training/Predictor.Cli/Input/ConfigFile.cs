using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.RegularExpressions;
using Predictor.Data.Errors;

namespace Predictor.Cli.Input;

/// <summary>
/// <c>--config FILE.json</c>: a verb's options in a JSON object, so a training run can be versioned. Keys are the
/// option names without their leading dashes (<c>"learning-rate": 0.05</c>); values are what the command line takes:
/// numbers, strings, true/false, a list of strings for a repeatable option. Relative paths are relative to the config
/// file. Options given on the command line win. The file becomes command-line arguments that the verb parses as
/// usual, so every value passes the same checks; an error caused by a value from the file names the key and the file.
/// </summary>
internal sealed class ConfigFile
{
    private const string Name = "--config";

    private readonly Dictionary<string, string> _keyByOption;

    private ConfigFile(string fileName, IReadOnlyList<string> arguments, Dictionary<string, string> keyByOption)
    {
        FileName = fileName;
        Arguments = arguments;
        _keyByOption = keyByOption;
    }

    /// <summary>The config file's name, as errors show it.</summary>
    public string FileName { get; }

    /// <summary>The file's settings as command-line arguments (only those not given on the command line).</summary>
    public IReadOnlyList<string> Arguments { get; }

    public static Option<FileInfo?> Option() => new(Name)
    {
        Description = "JSON file of train options, so a run can be versioned: keys are the option names without the leading dashes, values as on the command line, e.g. {\"data\": \"cohort.csv\", \"trees\": 200, \"learning-rate\": 0.05, \"linear-start\": false, \"na\": [\"NA\"]}; paths are relative to the config file; options on the command line override the file.",
    };

    /// <summary>Reads the config file a parse asks for, or returns null when it asks for none.</summary>
    public static ConfigFile? For(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult.Command;
        var option = command.Options.FirstOrDefault(o => o.Name == Name);
        if (option is null || parsed.GetResult(option) is not OptionResult { Tokens.Count: > 0 } given) return null;
        return Read(new FileInfo(given.Tokens[^1].Value), command, parsed);
    }

    /// <summary>Whether a message is about an option whose value came from the file (so the file, not the command line, is the bad input).</summary>
    public bool IsAbout(string message) => Explain(message) != message;

    /// <summary>The message, with the key and file named when it is about an option whose value came from the file.</summary>
    public string Explain(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The option named first is the one the message is about.
        var first = _keyByOption
            .Select(p => (Key: p.Value, Match: Regex.Match(message, $"(?<![\\w-]){Regex.Escape(p.Key)}(?![\\w-])", RegexOptions.CultureInvariant)))
            .Where(x => x.Match.Success)
            .OrderBy(x => x.Match.Index)
            .FirstOrDefault();
        return first.Key is null ? message : $"{Name} {FileName}, key '{first.Key}': {message}";
    }

    private static ConfigFile Read(FileInfo file, Command command, ParseResult parsed)
    {
        InputFiles.RequireExists(file, Name);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file.FullName), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PredictorInputException($"{Name} {file.Name}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new PredictorInputException($"{Name} {file.Name}: expected a JSON object of {command.Name} options, e.g. {{\"trees\": 200}}.");
            var arguments = new List<string>();
            var keyByOption = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var option = OptionFor(property.Name, command, file);
                // The command line wins: a key it already sets is left out.
                if (parsed.GetResult(option) is OptionResult { Implicit: false }) continue;
                keyByOption[option.Name] = property.Name;
                foreach (string value in Values(property, option, file))
                {
                    arguments.Add(option.Name);
                    arguments.Add(value);
                }
            }
            return new ConfigFile(file.Name, arguments, keyByOption);
        }
    }

    private static Option OptionFor(string key, Command command, FileInfo file)
    {
        if (key.StartsWith('-'))
            throw new PredictorInputException($"{Name} {file.Name}: key '{key}': write option names without the leading dashes ('{key.TrimStart('-')}').");
        string name = "--" + key;
        var option = command.Options.FirstOrDefault(o => !o.Hidden && (o.Name == name || o.Aliases.Contains(name)));
        if (option is null || option.Name is Name or "--help" || option == CliOptions.Verbose)
        {
            string? nearest = UsageSuggestions.Nearest(name, command);
            string hint = nearest is null || nearest == Name ? $"see 'predictor {command.Name} --help' for the option names" : $"did you mean '{nearest[2..]}'?";
            throw new PredictorInputException($"{Name} {file.Name}: unknown key '{key}': not a {command.Name} option; {hint}");
        }
        return option;
    }

    /// <summary>The command-line text of a value, checked against the kind of value the option takes.</summary>
    private static IEnumerable<string> Values(JsonProperty property, Option option, FileInfo file)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var value = property.Value;
        string Wrong(string expected) => throw new PredictorInputException(
            $"{Name} {file.Name}: key '{property.Name}': expected {expected}, got {Describe(value)}.");
        if (type == typeof(bool))
            return [value.ValueKind switch { JsonValueKind.True => "true", JsonValueKind.False => "false", _ => Wrong("true or false") }];
        if (type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(double))
            return [value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Wrong("a number")];
        if (type == typeof(string))
            return [value.ValueKind == JsonValueKind.String ? value.GetString()! : Wrong("a string")];
        if (type == typeof(FileInfo))
            return [value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } path ? Path.GetFullPath(path, file.DirectoryName!) : Wrong("a file path (a string)")];
        if (type == typeof(string[]))
        {
            if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                return [.. value.EnumerateArray().Select(e => e.GetString()!)];
            return [Wrong("a string or a list of strings")];
        }
        throw new PredictorInputException($"{Name} {file.Name}: key '{property.Name}': {option.Name} cannot be set from a config file; give it on the command line.");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "the string \"" + value.GetString() + "\"",
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        _ => "an object",
    };
}
