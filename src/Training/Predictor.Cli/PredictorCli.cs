using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Predictor.Cli.Commands;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;

namespace Predictor.Cli;

/// <summary>
/// The <c>predictor</c> command line: one verb per file in <c>Commands/</c>.
/// Exit codes: 0 success, 1 usage error (unknown option, missing argument), 2 bad input (file, data, option value),
/// 3 unexpected failure (a bug: please report it with the output of <c>--verbose</c>).
/// </summary>
public static class PredictorCli
{
    public const int Success = ExitCode.Success;
    public const int UsageError = ExitCode.UsageError;
    public const int InputError = ExitCode.InputError;
    public const int InternalError = ExitCode.InternalError;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "HCC resistance predictor: simulate cohorts, train gradient-boosted models that predict six-month " +
            "resistance to sorafenib/lenvatinib, score patients, export models and analyse survival.");
        root.Options.Add(CliOptions.Verbose);
        foreach (var command in Verbs()) root.Subcommands.Add(command);
        NumericOptions.Apply(root);
        return root;
    }

    /// <summary>Every verb; add a new one here and in its own file under Commands/.</summary>
    private static IEnumerable<Command> Verbs()
    {
        yield return SimulateCommand.Create();
        yield return DataCommand.Create();
        yield return TrainCommand.Create();
        yield return PredictCommand.Create();
        yield return SurvivalCommand.Create();
        yield return ExportCommand.Create();
        yield return ImportCommand.Create();
        yield return ImportanceCommand.Create();
        yield return CvCommand.Create();
        yield return EvaluateCommand.Create();
        yield return JobsCommand.Create();
        yield return ModelsCommand.Create();
        yield return AuditCommand.Create();
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = BuildRoot();
        var parsed = root.Parse(args);
        bool verbose = parsed.GetValue(CliOptions.Verbose);
        ConfigFile? config;
        try
        {
            // A --config file becomes arguments after the command line's, which the verb then parses as usual.
            config = parsed.UnmatchedTokens.Count == 0 ? ConfigFile.For(parsed) : null;
        }
        catch (PredictorInputException ex)
        {
            stderr.WriteLine("error: " + OneLine(ex.Message));
            return InputError;
        }
        if (config is not null) parsed = root.Parse([.. args, .. config.Arguments]);
        string Explained(string message) => config?.Explain(message) ?? message;
        // A bad value from the config file is bad input (exit 2), as a wrong type or an unknown key in it is.
        if (parsed.Errors.Count > 0) return UsageErrorLine(parsed, stderr, config);
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (PredictorInputException ex)
        {
            stderr.WriteLine("error: " + Explained(OneLine(ex.Message)));
            if (verbose) stderr.WriteLine(ex);
            return InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("error: " + OneLine(ex.Message));
            if (verbose) stderr.WriteLine(ex);
            return InputError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return InputError;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: a bug still ends in one line, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"error: unexpected {ex.GetType().Name}: {OneLine(ex.Message)} (run with --verbose for details; this is a bug, please report it)");
            if (verbose) stderr.WriteLine(ex);
            return InternalError;
        }
    }

    /// <summary>
    /// A usage error is one line naming the option and what it expects, then where to read more; the help page is
    /// not dumped, so the mistake stays on screen.
    /// </summary>
    private static bool FollowsJsonFlag(ParseResult parsed, string token)
    {
        var tokens = parsed.Tokens;
        for (int i = 1; i < tokens.Count; i++)
            if (tokens[i].Value == token && tokens[i - 1].Value == "--json") return true;
        return false;
    }

        private static int UsageErrorLine(ParseResult parsed, TextWriter stderr, ConfigFile? config)
    {
        var path = new List<string>();
        for (var command = parsed.CommandResult; command is not null; command = command.Parent as CommandResult)
            path.Insert(0, command.Command is RootCommand ? "predictor" : command.Command.Name);
        string message;
        int others;
        if (parsed.UnmatchedTokens.Count > 0)
        {
            // An unknown token usually also makes a required option look missing: the typo is the one to show.
            string token = parsed.UnmatchedTokens[0];
            string? nearest = token.StartsWith('-') ? UsageSuggestions.Nearest(token, parsed.CommandResult.Command) : null;
            message = nearest is null ? $"unknown option or argument '{token}'." : $"unknown option '{token}'; did you mean {nearest}?";
            // survival --json used to take a file; in every verb it is a flag that prints JSON on standard output.
            if (FollowsJsonFlag(parsed, token)) message = $"--json takes no file name ('{token}'): it prints JSON on standard output; redirect it to keep a file (--json > {token}).";
            others = parsed.UnmatchedTokens.Count - 1;
        }
        else
        {
            message = NumericOptions.FirstError(parsed) ?? OneLine(parsed.Errors[0].Message);
            others = parsed.Errors.Count - 1;
        }
        string more = others > 0 ? string.Create(CultureInfo.InvariantCulture, $" (and {others} more)") : "";
        // A bad value from a config file is bad input (exit 2), as an unknown key or a wrong type in it is.
        bool fromConfig = config is not null && config.IsAbout(message);
        stderr.WriteLine($"error: {(fromConfig ? config!.Explain(message) : message)}{more} See '{string.Join(' ', path)} --help'.");
        return fromConfig ? InputError : UsageError;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
