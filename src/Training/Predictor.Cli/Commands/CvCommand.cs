using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;
using Predictor.Training.Baselines;
using Predictor.Training.Pipeline;
using Predictor.Training.Validation;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor cv</c>: repeated stratified K-fold of the whole default pipeline (tuning and calibration nested inside each
/// outer fold) beside a ridge logistic regression evaluated the same way, for comparing with published results.
/// </summary>
internal static class CvCommand
{
    public static Command Create()
    {
        var input = new TrainingData();
        var folds = new Option<int>("--folds") { Description = "Outer folds.", DefaultValueFactory = _ => 5 };
        var repeats = new Option<int>("--repeats") { Description = "Repeats of the K-fold split.", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42UL };
        var threads = CliOptions.Threads();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var baselineL1 = CliOptions.BaselineL1RatioOption();
        var linearStart = CliOptions.LinearStartOption();
        var learner = LearnerOption.Create();
        var command = new Command("cv", "Cross-validated AUC and Brier score of the default training pipeline (nested tuning) and a ridge (or elastic-net) logistic regression. Tuning inside each outer fold cross-validates the whole grid: train's --valid and --time-budget do not apply (a fixed validation file inside every outer fold, or a clock-cut search, would make the estimate depend on them).")
        {
            folds, repeats, seed, threads, json, baselineL1, linearStart, learner,
        };
        foreach (var option in input.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            int k = parse.GetValue(folds), r = parse.GetValue(repeats);
            if (k < 2) throw new PredictorInputException($"--folds must be at least 2 (got {k}).");
            if (r < 1) throw new PredictorInputException($"--repeats must be at least 1 (got {r}).");
            double l1Ratio = CliOptions.BaselineL1Ratio(parse, baselineL1);
            var (_, set, _) = input.Load(parse);
            ulong s = parse.GetValue(seed);
            var audited = DataAudit.Check(set, k);
            foreach (var warning in audited.Warnings) parse.InvocationConfiguration.Error.WriteLine("warning: " + warning);
            var options = new PipelineOptions { Seed = s, Threads = parse.GetValue(threads), Folds = k, LinearStart = parse.GetValue(linearStart), Learner = LearnerOption.Resolve(parse.GetValue(learner)!) };
            var scores = TerminalProgress.Run(parse.InvocationConfiguration.Error, progress => RepeatedCrossValidation.Run(audited.Data,
            [
                (options.Learner == GbdtLearner.Instance ? "gbdt pipeline" : options.Learner.Name + " pipeline", PipelineLearner.For(options)),
                (l1Ratio == 0 ? "ridge logistic" : "elastic-net logistic", LogisticComparator.Learner(k, s, l1Ratio)),
            ], audited.Folds, r, s, options.Threads, progress));
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    rows = audited.Data.RowCount,
                    folds = audited.Folds,
                    repeats = r,
                    learners = scores.Select(x => new { name = x.Learner, auc = x.MeanAuc, auc_sd = x.AucSpread, brier = x.MeanBrier, auc_per_repeat = x.AucPerRepeat }),
                }, PipelineSummary.JsonOptions));
                return ExitCode.Success;
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{audited.Folds}-fold stratified CV x {r} repeat(s), {audited.Data.RowCount} rows:"));
            foreach (var x in scores)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {x.Learner,-16} AUC {x.MeanAuc:F3} (SD over repeats {x.AucSpread:F3})  Brier {x.MeanBrier:F4}"));
            return ExitCode.Success;
        });
        return command;
    }
}
