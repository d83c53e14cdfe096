using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Training.Evaluation;
using Predictor.Training.Pipeline;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor evaluate</c>: scores a labelled table with a model file and reports discrimination (AUC with DeLong 95%
/// CI), Brier score, calibration intercept and slope, and the 2×2 rates at a threshold. Probabilities are the model
/// file's calibrated ones and the threshold is the file's own unless <c>--threshold</c> overrides it (an older file
/// without them is scored uncalibrated at 0.5, with a note).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var input = new TrainingData();
        var modelFile = new Option<FileInfo>("--model") { Description = "Model file written by 'predictor train'.", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = "Decision threshold for sensitivity, specificity, PPV and NPV (default: the model file's, else 0.5)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("evaluate", "Measure a trained model on labelled data: AUC (95% CI), Brier, calibration, and sensitivity, specificity, PPV and NPV with Wilson 95% CIs.")
        {
            modelFile, threshold, json,
        };
        foreach (var option in input.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var artifact = ModelFiles.Read(parse.GetValue(modelFile)!, parse.InvocationConfiguration.Error);
            var (_, set, _) = input.Load(parse);
            var probabilities = EnsembleScores.Predict(artifact, set);
            double t = parse.GetValue(threshold) ?? artifact.Metadata.Threshold?.Value ?? 0.5;
            if (t is <= 0 or >= 1) throw new Data.Errors.PredictorInputException($"--threshold must be in (0, 1) (got {t.ToString(CultureInfo.InvariantCulture)}).");
            PerformanceSummary summary;
            try
            {
                summary = PerformanceSummary.Compute(probabilities, set.Labels, t);
            }
            catch (ArgumentException ex)
            {
                throw new Data.Errors.PredictorInputException("Cannot evaluate: " + ex.Message, ex);
            }
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(PipelineSummary.Metrics(summary), PipelineSummary.JsonOptions));
                return ExitCode.Success;
            }
            var m = summary.AtThreshold;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set.RowCount} rows, {set.Labels.Sum():F0} positive"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AUC {summary.Auc.Auc:F3} (95% CI {summary.Auc.Lower:F3}-{summary.Auc.Upper:F3}, DeLong)  Brier {summary.Brier:F4}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Calibration intercept {summary.Calibration.Intercept:F3}  slope {summary.Calibration.Slope:F3}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"At threshold {t:F3} (95% CI, Wilson score):"));
            stdout.WriteLine(Rate("sensitivity", m.Sensitivity, m.SensitivityInterval, m.TruePositives, m.TruePositives + m.FalseNegatives));
            stdout.WriteLine(Rate("specificity", m.Specificity, m.SpecificityInterval, m.TrueNegatives, m.TrueNegatives + m.FalsePositives));
            stdout.WriteLine(Rate("PPV", m.PositivePredictiveValue, m.PositivePredictiveValueInterval, m.TruePositives, m.TruePositives + m.FalsePositives));
            stdout.WriteLine(Rate("NPV", m.NegativePredictiveValue, m.NegativePredictiveValueInterval, m.TrueNegatives, m.TrueNegatives + m.FalseNegatives));
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>"  sensitivity 0.842 (0.624-0.945)  16/19": the proportion, its Wilson interval and its counts; NA with no denominator.</summary>
    private static string Rate(string name, double value, WilsonInterval interval, int events, int total) => total == 0
        ? $"  {name,-12} NA  (0 patients in the denominator)"
        : string.Create(CultureInfo.InvariantCulture, $"  {name,-12} {value:F3} ({interval.Lower:F3}-{interval.Upper:F3})  {events}/{total}");
}
