using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;
using Predictor.Data.Parquet.Inspection;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor data inspect FILE</c>: a Parquet file's schema, row groups, codecs, encodings and row count.</summary>
internal static class DataInspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Parquet file to describe (only its footer is read)." };
        var command = new Command("inspect", "Print a Parquet file's schema, row groups, codecs, encodings and row count.") { file };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            InputFiles.RequireExists(input, "FILE");
            if (!input.Extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase) && !input.Extension.Equals(".pq", StringComparison.OrdinalIgnoreCase))
                throw new PredictorInputException($"{input.FullName}: inspect reads Parquet files (.parquet).");
            parse.InvocationConfiguration.Output.Write(ParquetFile.Format(ParquetFile.Inspect(input.FullName)));
            return ExitCode.Success;
        });
        return command;
    }
}
