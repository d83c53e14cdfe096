using System.CommandLine;
using System.Globalization;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Tables;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor predict</c>: scores a CSV or Parquet file with a model file. Writes the id column, <c>probability</c>
/// (the model file's calibrated probability of the positive label) and <c>predicted_resistant</c> (probability at or
/// above the file's decision threshold; the name every component uses for the decision), as CSV or Parquet by the
/// extension of <c>--out</c>. With <c>--explain K</c> it adds, per patient, the K features with the largest TreeSHAP
/// contributions: <c>top1_feature</c>, <c>top1_contribution</c>, ... <c>topK_contribution</c>, largest absolute
/// contribution first, on the log-odds scale of the uncalibrated trees (positive pushes towards the positive label;
/// a patient's contributions over all features add up to their raw score minus the model's expected raw score).
/// With <c>--raw</c> it adds <c>raw_score</c> after <c>probability</c>: the ensemble's log-odds margin before
/// calibration (XGBoost's <c>output_margin=True</c>, LightGBM's <c>raw_score=True</c>, ML.NET's <c>Score</c>), from
/// which the file's calibration gives <c>probability</c>.
/// Cohort files are checked against the data contract; bad rows are reported and left out, the good rows are scored.
/// </summary>
internal static class PredictCommand
{
    /// <summary>The decision column, named as in the worker's answers and the exported models.</summary>
    public const string DecisionColumn = "predicted_resistant";

    /// <summary>The <c>--raw</c> column: log-odds before calibration, named as LightGBM's <c>raw_score</c>.</summary>
    public const string RawScoreColumn = "raw_score";

    public static Command Create()
    {
        var modelFile = new Option<FileInfo>("--model") { Description = "Model file written by 'predictor train' or 'predictor import'.", Required = true };
        var data = CliOptions.DataFile("Patients to score (.csv or .parquet; or FHIR R4: a Bundle .json or Bulk Data .ndjson).");
        var indexDate = new Option<DateOnly?>("--index-date") { Description = "FHIR input: score as of this date (yyyy-MM-dd; default today, UTC): each feature from the latest record on or before it." };
        var output = CliOptions.OutputFile("Where to write the predictions: .csv or .parquet (by extension).");
        var id = new Option<string?>("--id") { Description = "Identifier column copied to the output (default patient_id when present, else the row number)." };
        var na = CliOptions.MissingTokens();
        var explain = new Option<int>("--explain") { Description = "Also write the top K feature contributions per patient (TreeSHAP, log-odds).", DefaultValueFactory = _ => 0 };
        var raw = new Option<bool>("--raw") { Description = $"Also write {RawScoreColumn}: the trees' log-odds margin before calibration (as XGBoost's output_margin, LightGBM's raw_score), beside the calibrated probability." };
        var command = new Command("predict", "Score patients with a trained model: calibrated probability of the label (six-month resistance) and the decision at the model's threshold.")
        {
            modelFile, data, output, id, na, explain, raw, indexDate,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            int top = parse.GetValue(explain);
            if (top < 0) throw new PredictorInputException($"--explain must be 0 or more (got {top}).");
            var file = parse.GetValue(output)!;
            var format = TableOutput.Choose(file, "--out");
            var artifact = ModelFiles.Read(parse.GetValue(modelFile)!, error);
            if (top > 0 && !TreeShap.CanExplain(artifact.Model)) throw new PredictorInputException("--explain: " + MissingCovers.Explain(artifact.Metadata.TrainingOptions));
            var dataInfo = parse.GetValue(data)!;
            InputFiles.RequireExists(dataInfo, "--data");
            var (table, _) = FhirFiles.IsFhir(dataInfo.Name)
                ? (FhirFiles.Load(dataInfo.FullName, FhirIndexDate(parse.GetValue(indexDate)), error), true)
                : InputFiles.Read(dataInfo.FullName, CohortPurpose.Scoring, parse.GetValue(na) ?? [], error);
            if (table.RowCount == 0)
                throw new PredictorInputException($"--data {dataInfo.Name}: no patient rows to score (the file holds only a header, or every row was left out above).");
            var ids = IdColumn(table, parse.GetValue(id), dataInfo.Name);

            var model = artifact.Model;
            var rows = ModelInput.FromTable(table, model);
            var margins = new double[table.RowCount];
            model.PredictRaw(rows, margins);
            var probabilities = margins.Select(artifact.Probability).ToArray();
            var predicted = probabilities.Select(p => artifact.IsPositive(p) ? (byte)1 : (byte)0).ToArray();
            List<Column> columns = [ids, new NumericColumn("probability", probabilities)];
            if (parse.GetValue(raw)) columns.Add(new NumericColumn(RawScoreColumn, margins));
            columns.Add(new BooleanColumn(DecisionColumn, predicted));
            try
            {
                if (top > 0) columns.AddRange(Explanations(model, rows, Math.Min(top, model.Features.Count)));
            }
            catch (NotSupportedException ex)
            {
                throw new PredictorInputException("--explain: " + ex.Message, ex);
            }

            TableOutput.Write(new DataTable(columns), file, format);
            string threshold = artifact.Metadata.Threshold is { } t
                ? string.Create(CultureInfo.InvariantCulture, $"threshold {t.Value:F3}, {t.Rule}")
                : "threshold 0.5";
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {table.RowCount:N0} patients ({predicted.Count(p => p == 1):N0} predicted positive at {threshold}) -> {file.FullName}"));
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>The end of the given day (UTC), so records of that day count; today when not given.</summary>
    private static DateTimeOffset FhirIndexDate(DateOnly? day) => day is { } d
        ? new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero)
        : DateTimeOffset.UtcNow;

    private static Column IdColumn(DataTable table, string? requested, string fileName)
    {
        string? name = requested ?? (table.Contains(CohortContract.PatientId) ? CohortContract.PatientId : null);
        if (name is null)
            return new NumericColumn("row", [.. Enumerable.Range(1, table.RowCount).Select(r => (double)r)]);
        return table.TryGetColumn(name, out var column) ? column : throw new PredictorInputException($"--id: column '{name}' is not in {fileName}.");
    }

    /// <summary>Columns top1_feature, top1_contribution, ... for each row's largest absolute TreeSHAP contributions.</summary>
    private static IEnumerable<Column> Explanations(Predictor.Scoring.Trees.TreeEnsemble model, double[] rows, int top)
    {
        int width = model.Features.Count, count = width == 0 ? 0 : rows.Length / width;
        var names = new string?[top][];
        var values = new double[top][];
        for (int k = 0; k < top; k++)
        {
            names[k] = new string?[count];
            values[k] = new double[count];
        }
        for (int r = 0; r < count; r++)
        {
            var contributions = TreeShap.TopFeatures(model, rows.AsSpan(r * width, width), top);
            for (int k = 0; k < top; k++)
            {
                names[k][r] = contributions[k].Feature;
                values[k][r] = contributions[k].Contribution;
            }
        }
        for (int k = 0; k < top; k++)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"top{k + 1}_");
            yield return new TextColumn(prefix + "feature", names[k]);
            yield return new NumericColumn(prefix + "contribution", values[k]);
        }
    }
}
