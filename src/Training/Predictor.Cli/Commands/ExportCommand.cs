using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;
using Predictor.Export.CSharp;
using Predictor.Export.Onnx;
using Predictor.Export.Text;
using Predictor.Export.XGBoost;
using Predictor.Scoring.Serialization;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor export</c>: turns a model file into an ONNX graph (for ONNX Runtime, ML.NET's ApplyOnnxModel and other
/// runtimes), one dependency-free C# source file, a readable text dump of every tree and linear term, or an XGBoost
/// JSON model when XGBoost can hold the model exactly (otherwise one line says why, exit 2).
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var modelFile = new Option<FileInfo>("--model") { Description = "Model file written by 'predictor train'.", Required = true };
        var format = new Option<string>("--format") { Description = "onnx, csharp, text (a readable dump of every tree and linear term) or xgboost-json (XGBoost 1.7 JSON model; only models without a linear start, categorical splits or isotonic calibration; Platt calibration is folded into the trees).", Required = true };
        var output = CliOptions.OutputFile("Where to write the exported model (.onnx, .cs, .txt or .json).");
        var className = new Option<string>("--class") { Description = "C# export: namespace-qualified class name.", DefaultValueFactory = _ => "Predictor.Generated.ResistanceModel" };
        var command = new Command("export", "Export a trained model to ONNX, a C# source file, a text dump or an XGBoost JSON model.") { modelFile, format, output, className };
        command.SetAction(parse =>
        {
            var modelInfo = parse.GetValue(modelFile)!;
            InputFiles.RequireExists(modelInfo, "--model");
            var artifact = ModelJson.ReadArtifactFile(modelInfo.FullName);
            var file = parse.GetValue(output)!;
            string kind = parse.GetValue(format)!;
            try
            {
                switch (kind)
                {
                    case "onnx":
                        CliFiles.WriteAtomically(file.FullName, stream => OnnxExporter.Write(artifact, stream));
                        break;
                    case "csharp":
                        string name = parse.GetValue(className)!;
                        int dot = name.LastIndexOf('.');
                        if (dot <= 0) throw new PredictorInputException($"--class: '{name}' must be Namespace.ClassName.");
                        CliFiles.WriteAtomically(file.FullName, stream =>
                        {
                            using var writer = new StreamWriter(stream, leaveOpen: true);
                            CSharpExporter.Write(artifact, writer, name[..dot], name[(dot + 1)..]);
                        });
                        break;
                    case "text":
                        CliFiles.WriteAtomically(file.FullName, stream =>
                        {
                            using var writer = new StreamWriter(stream, leaveOpen: true);
                            TextDumper.Write(artifact, writer);
                        });
                        break;
                    case "xgboost-json":
                        if (XGBoostJsonExporter.Obstacle(artifact) is { } reason)
                            throw new PredictorInputException($"--format xgboost-json: {modelInfo.Name} cannot be exported exactly: {reason}.");
                        CliFiles.WriteAtomically(file.FullName, stream => XGBoostJsonExporter.Write(artifact, stream));
                        if (artifact.Metadata.Threshold is { } threshold)
                            parse.InvocationConfiguration.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                                $"note: an XGBoost model has no decision threshold; apply {threshold.Value:R} ({threshold.Rule}) to its probabilities yourself."));
                        break;
                    default:
                        throw new PredictorInputException($"--format: '{kind}' is not a format; use onnx, csharp, text or xgboost-json.");
                }
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
            {
                throw new PredictorInputException(ex.Message, ex);
            }
            string linear = artifact.Model.Linear is { } margin ? $" and {margin.Terms.Count} linear terms" : "";
            parse.InvocationConfiguration.Output.WriteLine($"Exported {artifact.Model.Trees.Count} trees{linear} as {kind} -> {file.FullName}");
            return ExitCode.Success;
        });
        return command;
    }
}
