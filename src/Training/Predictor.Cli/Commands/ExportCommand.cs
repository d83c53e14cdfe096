using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;
using Predictor.Export.CSharp;
using Predictor.Export.Onnx;
using Predictor.Scoring.Serialization;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor export</c>: turns a model file into an ONNX graph (for ONNX Runtime, ML.NET's ApplyOnnxModel and other
/// runtimes) or into one dependency-free C# source file.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var modelFile = new Option<FileInfo>("--model") { Description = "Model file written by 'predictor train'.", Required = true };
        var format = new Option<string>("--format") { Description = "onnx or csharp.", Required = true };
        var output = CliOptions.OutputFile("Where to write the exported model (.onnx or .cs).");
        var className = new Option<string>("--class") { Description = "C# export: namespace-qualified class name.", DefaultValueFactory = _ => "Predictor.Generated.ResistanceModel" };
        var command = new Command("export", "Export a trained model to ONNX or to a C# source file.") { modelFile, format, output, className };
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
                    default:
                        throw new PredictorInputException($"--format: '{kind}' is not a format; use onnx or csharp.");
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
