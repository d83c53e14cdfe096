using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Tables;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor importance</c>: per feature of a model file, the split count, total gain and total cover of its splits
/// (XGBoost's <c>weight</c>, <c>total_gain</c>, <c>total_cover</c>; LightGBM's <c>split</c> and <c>gain</c>), whether
/// the linear start has a term for it, and with <c>--data</c> the mean |TreeSHAP| contribution over those rows (which,
/// unlike the tree statistics, includes the linear terms). Every feature is listed, those never used with 0.
/// </summary>
internal static class ImportanceCommand
{
    public static Command Create()
    {
        var modelFile = new Option<FileInfo>("--model") { Description = "Model file written by 'predictor train'.", Required = true };
        var data = new Option<FileInfo?>("--data") { Description = "Also compute the mean |SHAP| (log-odds) per feature over these rows (.csv or .parquet; the label column, if present, is ignored)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the table to a file: .csv, .parquet or .json (by extension); default: print it." };
        var na = CliOptions.MissingTokens();
        var command = new Command("importance", "Feature importance of a trained model: split count, gain and cover per feature from the trees, and mean |SHAP| on --data; features never used are listed with 0.")
        {
            modelFile, data, output, na,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(output);
            var format = file is null ? (ImportanceOutput.Format?)null : ImportanceOutput.Choose(file, "--out");
            var artifact = ModelFiles.Read(parse.GetValue(modelFile)!, TextWriter.Null);
            var model = artifact.Model;
            double[]? meanAbsShap = null;
            int rowCount = 0;
            if (parse.GetValue(data) is { } dataInfo)
            {
                InputFiles.RequireExists(dataInfo, "--data");
                var (table, _) = InputFiles.Read(dataInfo.FullName, CohortPurpose.Scoring, parse.GetValue(na) ?? [], parse.InvocationConfiguration.Error);
                if (table.RowCount == 0)
                    throw new PredictorInputException($"--data {dataInfo.Name}: no rows (the file holds only a header, or every row was left out above).");
                rowCount = table.RowCount;
                var rows = ModelInput.FromTable(table, model);
                try
                {
                    meanAbsShap = MeanAbsoluteShap.Compute(model, rows);
                }
                catch (NotSupportedException ex)
                {
                    throw new PredictorInputException("--data: " + ex.Message, ex);
                }
            }
            var importance = ImportanceOutput.Rows(model, GlobalImportance.Compute(model), meanAbsShap);
            var stdout = parse.InvocationConfiguration.Output;
            if (file is null) ImportanceOutput.Print(importance, stdout);
            else
            {
                ImportanceOutput.Write(importance, file, format!.Value);
                stdout.WriteLine($"Importance of {importance.Count} features{(meanAbsShap is null ? "" : $" (mean |SHAP| over {rowCount} rows)")} -> {file.FullName}");
            }
            if (importance.Any(r => r.Gain is null))
                parse.InvocationConfiguration.Error.WriteLine("note: this model file records no split gains (written before they were stored, or imported); the gain column is empty.");
            return ExitCode.Success;
        });
        return command;
    }
}
