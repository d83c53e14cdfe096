using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;
using Predictor.Scoring.Serialization;
using Predictor.Training.MLNet.Import;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor import --mlnet</c>: converts a binary FastTree or LightGBM model saved by ML.NET into our model file.
/// The conversion rules live in <c>Predictor.Training.MLNet/Import</c>; this verb checks the files and writes atomically.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var mlnet = new Option<FileInfo>("--mlnet")
        {
            Description = "Model zip saved by mlContext.Model.Save: a calibrated binary FastTree or LightGBM trainer after Concatenate of " +
                "cohort-contract columns (Single numbers, NaN missing; text categories), optionally OneHotEncoding, ReplaceMissingValues, " +
                "IndicateMissingValues. Anything else is refused, naming it.",
            Required = true,
        };
        var output = CliOptions.OutputFile("Where to write the model file (.json).");
        var created = CreationTime.Option();
        var command = new Command("import",
            "Convert an ML.NET model into a model file that predict, evaluate, export and the worker serve. The result is checked " +
            "against ML.NET's own probabilities (to 1e-5) before it is written; it has no node covers, so TreeSHAP explanations are not available for it.")
        { mlnet, output, created };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(mlnet)!;
            if (Directory.Exists(source.FullName)) throw new PredictorInputException($"--mlnet {source.FullName}: is a directory; expected an ML.NET model zip.");
            if (!source.Exists) throw new PredictorInputException($"--mlnet {source.FullName}: file not found.");
            var file = parse.GetValue(output)!;
            CliFiles.RequireFileTarget(file, "--out");
            var imported = MLNetModelImporter.Import(source.FullName, CreationTime.Resolve(parse, created));
            CliFiles.WriteAtomically(file.FullName, stream => ModelJson.Write(imported.Artifact, stream));
            var model = imported.Artifact.Model;
            parse.InvocationConfiguration.Output.WriteLine(
                $"Imported ML.NET {imported.Trainer}: {model.Trees.Count} trees over {string.Join(", ", model.Features.Select(f => f.Name))} -> {file.FullName}");
            return ExitCode.Success;
        });
        return command;
    }
}
