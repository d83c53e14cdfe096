using System.CommandLine;
using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Serialization;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor predict</c>: scores a cohort file with a model file. Writes patient_id, probability (of the positive
/// label) and predicted (probability &gt;= 0.5). Bad rows are reported and left out; the good rows are scored.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Probability at or above which a patient is predicted resistant.</summary>
    public const double Threshold = 0.5;

    public static Command Create()
    {
        var modelFile = new Option<FileInfo>("--model") { Description = "Model file written by 'predictor train'.", Required = true };
        var data = CliOptions.DataFile("Patients to score (.csv).");
        var output = CliOptions.OutputFile("Where to write the predictions (.csv).");
        var command = new Command("predict", "Score patients with a trained model: probability of six-month resistance.")
        {
            modelFile, data, output,
        };
        command.SetAction(parse =>
        {
            var modelInfo = parse.GetValue(modelFile)!;
            var dataInfo = parse.GetValue(data)!;
            CliFiles.RequireExists(modelInfo, "--model");
            CliFiles.RequireExists(dataInfo, "--data");
            var model = ModelJson.ReadFile(modelInfo.FullName);
            var loaded = CohortLoader.LoadCsv(dataInfo.FullName, CohortPurpose.Scoring);
            TrainCommand.ReportIssues(loaded, parse.InvocationConfiguration.Error);
            var table = loaded.Table;
            if (!table.TryGetColumn(CohortContract.PatientId, out var ids))
                throw new PredictorInputException($"{dataInfo.Name}: no '{CohortContract.PatientId}' column.");

            var rows = ModelInput.FromTable(table, model);
            var probabilities = new double[table.RowCount];
            model.Predict(rows, probabilities);
            var predicted = probabilities.Select(p => p >= Threshold ? (byte)1 : (byte)0).ToArray();
            var result = new DataTable([ids, new NumericColumn("probability", probabilities), new BooleanColumn("predicted", predicted)]);
            var file = parse.GetValue(output)!;
            CliFiles.WriteAtomically(file.FullName, stream => CsvTableWriter.Write(result, stream));
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {table.RowCount:N0} patients ({predicted.Count(p => p == 1):N0} predicted resistant) -> {file.FullName}"));
            return PredictorCli.Success;
        });
        return command;
    }
}
