using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor data ...</c>: look at and check cohort files.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Check, inspect and convert cohort files.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(DataConvertCommand.Create());
        command.Subcommands.Add(DataInspectCommand.Create());
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Cohort file (.csv) to check against the data contract." };
        var scoring = new Option<bool>("--scoring") { Description = "Check as a file to be scored (label columns not required)." };
        var na = CliOptions.MissingTokens();
        var limit = new Option<int>("--max-issues") { Description = "Print at most this many issues.", DefaultValueFactory = _ => 50 };
        var command = new Command("validate",
            "Check a cohort file against the data contract; lists every bad value by row and column. Exit code 2 when any is found.")
        {
            file, scoring, na, limit,
        };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            InputFiles.RequireExists(input, "FILE");
            var purpose = parse.GetValue(scoring) ? CohortPurpose.Scoring : CohortPurpose.Training;
            var result = InputFiles.Load(input.FullName, purpose, parse.GetValue(na));
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{input.Name}: {result.SourceRowCount} rows, {result.Table.RowCount} valid, {result.RejectedRows.Count} with issues.");
            if (result.IgnoredColumns.Count > 0)
                output.WriteLine($"Ignored columns (not in the contract): {string.Join(", ", result.IgnoredColumns)}");
            foreach (var issue in result.Issues.Take(parse.GetValue(limit))) output.WriteLine(issue);
            if (result.Issues.Count > parse.GetValue(limit))
                output.WriteLine($"... and {result.Issues.Count - parse.GetValue(limit)} more.");
            return result.HasIssues ? ExitCode.InputError : ExitCode.Success;
        });
        return command;
    }
}
