using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Tables;
using Predictor.Training.MLNet.Import;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor import --mlnet</c>: converts a binary FastTree or LightGBM model saved by ML.NET into our model file,
/// with node covers for TreeSHAP recounted from <c>--data</c> when given. The conversion rules live in
/// <c>Predictor.Training.MLNet/Import</c>; this verb checks the files and writes atomically.
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
        var data = new Option<FileInfo?>("--data")
        {
            Description = "Cohort file (.csv or .parquet, checked against the data contract) whose patients give the node covers TreeSHAP needs " +
                "(ML.NET keeps none): the model's training data, or a cohort like it (refused if some leaf is reached by none of its patients). Without it the model scores but 'predict --explain' and the worker's contributions refuse it.",
        };
        var na = CliOptions.MissingTokens();
        var created = CreationTime.Option();
        var command = new Command("import",
            "Convert an ML.NET model into a model file that predict, evaluate, export and the worker serve. The result is checked " +
            "against ML.NET's own probabilities (to 1e-5) before it is written. With --data it also carries the node covers that TreeSHAP explanations (predict --explain) need.")
        { mlnet, output, data, na, created };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var source = parse.GetValue(mlnet)!;
            if (Directory.Exists(source.FullName)) throw new PredictorInputException($"--mlnet {source.FullName}: is a directory; expected an ML.NET model zip.");
            if (!source.Exists) throw new PredictorInputException($"--mlnet {source.FullName}: file not found.");
            var file = parse.GetValue(output)!;
            CliFiles.RequireFileTarget(file, "--out");
            var cohort = parse.GetValue(data);
            if (cohort is not null) InputFiles.RequireExists(cohort, "--data");
            var imported = MLNetModelImporter.Import(source.FullName, CreationTime.Resolve(parse, created));
            if (cohort is not null) imported = WithCovers(imported, cohort, parse.GetValue(na) ?? [], error);
            CliFiles.WriteAtomically(file.FullName, stream => ModelJson.Write(imported.Artifact, stream));
            var model = imported.Artifact.Model;
            string explains = cohort is null ? "no covers: re-import with --data to explain predictions" : $"covers from {cohort.Name} for TreeSHAP";
            parse.InvocationConfiguration.Output.WriteLine(
                $"Imported ML.NET {imported.Trainer}: {model.Trees.Count} trees over {string.Join(", ", model.Features.Select(f => f.Name))} ({explains}) -> {file.FullName}");
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>The patients of a contract-checked cohort file, laid out as predict lays them out, recount the covers.</summary>
    private static ImportedModel WithCovers(ImportedModel imported, FileInfo cohort, IReadOnlyList<string> missingTokens, TextWriter error)
    {
        var loaded = InputFiles.Load(cohort.FullName, CohortPurpose.Scoring, missingTokens);
        InputFiles.ReportIssues(loaded, error);
        if (loaded.Table.RowCount == 0) throw new PredictorInputException($"--data {cohort.Name}: no patient rows (the file holds only a header, or every row was left out above).");
        var model = imported.Artifact.Model;
        double[] laidOut;
        try
        {
            laidOut = ModelInput.FromTable(loaded.Table, model);
        }
        catch (PredictorInputException ex)
        {
            throw new PredictorInputException($"--data {cohort.Name}: {ex.Message}", ex);
        }
        int width = model.Features.Count;
        var rows = Enumerable.Range(0, loaded.Table.RowCount).Select(r => laidOut.AsSpan(r * width, width).ToArray()).ToList();
        try
        {
            return MLNetModelImporter.WithCovers(imported, rows, cohort.Name);
        }
        catch (PredictorInputException ex)
        {
            throw new PredictorInputException("--data " + ex.Message, ex);
        }
    }
}
