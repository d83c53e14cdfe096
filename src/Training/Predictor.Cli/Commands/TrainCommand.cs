using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Reports.Training;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.Calibration;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;
using Predictor.Training.Thresholds;
using Predictor.Training.Validation;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor train</c>: fits the gradient-boosted tree model on a cohort file and writes the model file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var input = new TrainingData();
        var output = CliOptions.OutputFile("Where to write the model (JSON, see MODEL_FORMAT.md).");
        var preset = new Option<string?>("--preset") { Description = $"Skip tuning and train fixed settings: {string.Join(", ", GbdtPresets.Names)} (fasttree = ML.NET FastTree's defaults)." };
        var threads = CliOptions.Threads();
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed, data and options give the same model (byte for byte when --created or SOURCE_DATE_EPOCH fixes the creation time).", DefaultValueFactory = _ => 42UL };
        var created = CreationTime.Option();
        var trees = new Option<int?>("--trees") { Description = "Boosting rounds." };
        var leaves = new Option<int?>("--leaves") { Description = "Leaves per tree (grown best-first)." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Shrinkage per tree." };
        var minLeaf = new Option<int?>("--min-leaf") { Description = "Fewest training rows per leaf." };
        var minHessian = new Option<double?>("--min-hessian") { Description = "Smallest hessian sum per leaf (XGBoost min_child_weight)." };
        var maxDepth = new Option<int?>("--max-depth") { Description = "Maximum depth (0 = unlimited)." };
        var bins = new Option<int?>("--bins") { Description = "Value bins per numeric feature (2-255)." };
        var l2 = new Option<double?>("--l2") { Description = "L2 penalty on leaf values." };
        var l1 = new Option<double?>("--l1") { Description = "L1 penalty on leaf values." };
        var rowSubsample = new Option<double?>("--row-subsample") { Description = "Fraction of rows per tree (0-1]." };
        var featureSubsample = new Option<double?>("--feature-subsample") { Description = "Fraction of features per tree (0-1]." };
        var positiveWeight = new Option<double?>("--positive-weight") { Description = "Weight multiplier for positive rows." };
        var earlyStopping = new Option<int?>("--early-stopping") { Description = "Stop after this many rounds without validation improvement (holds out 10% of rows)." };
        var monotone = new Option<string?>("--monotone") { Description = "Monotone constraints, e.g. p_akt_hscore=+1,pten_hscore=-1." };

        var bootstrap = new Option<int?>("--bootstrap") { Description = "Optimism-bootstrap replicates of the whole pipeline (default 200 up to 300 rows, else 0)." };
        var minSensitivity = new Option<double?>("--min-sensitivity") { Description = "Choose the highest threshold reaching this sensitivity (default: Youden's J)." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds for tuning and calibration.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var baselineL1 = CliOptions.BaselineL1RatioOption();
        var linearStart = CliOptions.LinearStartOption();
        var test = new Option<FileInfo?>("--test") { Description = "Held-out labelled file: also report the calibrated pipeline's performance on it (external validation)." };
        var learner = LearnerOption.Create();
        var report = new Option<FileInfo?>("--report") { Description = "Also write a self-contained HTML report (ROC, calibration and decision curves, SHAP, thresholds, sample size) of the default pipeline." };

        var command = new Command("train", "Train the model that predicts the label (six-month resistance): by default tunes, calibrates, validates and compares with a ridge logistic regression; any fixed setting (--preset, --trees, ...) trains that setting only.")
        {
            input.Data, input.Label, output, preset, threads, seed, bootstrap, minSensitivity, folds, json, test, baselineL1, linearStart, trees, leaves, learningRate, minLeaf, minHessian, maxDepth,
            bins, l2, l1, rowSubsample, featureSubsample, positiveWeight, earlyStopping, monotone,
        };
        // --data and --label lead the help page; the other input options follow the fixed settings.
        foreach (var option in input.All.Except([input.Data, input.Label])) command.Options.Add(option);
        command.Options.Add(report);
        command.Options.Add(created);
        command.Options.Add(learner);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            CliFiles.RequireFileTarget(parse.GetValue(output)!, "--out");
            if (parse.GetValue(report) is { } reportFile) CliFiles.RequireFileTarget(reportFile, "--report");
            var createdUtc = CreationTime.Resolve(parse, created);
            Option[] fixedSettings = [preset, trees, leaves, learningRate, minLeaf, minHessian, maxDepth, bins, l2, l1, rowSubsample, featureSubsample, positiveWeight, earlyStopping];
            if (fixedSettings.All(o => parse.GetResult(o) is null))
            {
                var chosen = LearnerOption.Resolve(parse.GetValue(learner)!);
                if (chosen != GbdtLearner.Instance && parse.GetValue(monotone) is not null)
                    throw new PredictorInputException($"--monotone: ML.NET's {chosen.Name} trainer has no monotone constraints; use --learner ours.");
                var rule = parse.GetValue(minSensitivity) is { } target ? ThresholdRuleOption(target) : ThresholdRule.Youden;
                var pipelineOptions = new PipelineOptions
                {
                    Folds = parse.GetValue(folds),
                    Seed = parse.GetValue(seed),
                    Threads = parse.GetValue(threads),
                    Threshold = rule,
                    BaselineL1Ratio = CliOptions.BaselineL1Ratio(parse, baselineL1),
                    LinearStart = parse.GetValue(linearStart),
                    Learner = chosen,
                    Start = GbdtPresets.Default with { MonotoneConstraints = ParseMonotone(parse.GetValue(monotone)) ?? GbdtPresets.Default.MonotoneConstraints },
                };
                return TrainPipeline(parse, input, pipelineOptions, parse.GetValue(bootstrap), parse.GetValue(json), parse.GetValue(output)!, parse.GetValue(test), parse.GetValue(report), createdUtc);
            }
            if (parse.GetValue(report) is not null)
                throw new PredictorInputException("--report describes the default tuned pipeline; it cannot be combined with fixed settings (--preset, --trees, ...).");
            if (parse.GetResult(learner) is { Implicit: false })
                throw new PredictorInputException("--learner chooses the learner of the default tuned pipeline; it cannot be combined with fixed settings (--preset, --trees, ...).");
            if (parse.GetResult(linearStart) is { Implicit: false })
                throw new PredictorInputException("--linear-start is a choice of the default tuned pipeline; it cannot be combined with fixed settings (--preset, --trees, ...).");
            var options = Preset(parse.GetValue(preset) ?? "default") with { Threads = parse.GetValue(threads), Seed = parse.GetValue(seed) };
            options = options with
            {
                Trees = parse.GetValue(trees) ?? options.Trees,
                Leaves = parse.GetValue(leaves) ?? options.Leaves,
                LearningRate = parse.GetValue(learningRate) ?? options.LearningRate,
                MinRowsPerLeaf = parse.GetValue(minLeaf) ?? options.MinRowsPerLeaf,
                MinHessianPerLeaf = parse.GetValue(minHessian) ?? options.MinHessianPerLeaf,
                MaxDepth = parse.GetValue(maxDepth) ?? options.MaxDepth,
                MaxBins = parse.GetValue(bins) ?? options.MaxBins,
                L2 = parse.GetValue(l2) ?? options.L2,
                L1 = parse.GetValue(l1) ?? options.L1,
                RowSubsample = parse.GetValue(rowSubsample) ?? options.RowSubsample,
                FeatureSubsample = parse.GetValue(featureSubsample) ?? options.FeatureSubsample,
                PositiveClassWeight = parse.GetValue(positiveWeight) ?? options.PositiveClassWeight,
                EarlyStoppingRounds = parse.GetValue(earlyStopping) ?? options.EarlyStoppingRounds,
                MonotoneConstraints = ParseMonotone(parse.GetValue(monotone)) ?? options.MonotoneConstraints,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new PredictorInputException(ex.Message, ex);
            }

            var (table, set, _) = input.Load(parse);

            var clock = Stopwatch.StartNew();
            TrainingResult result;
            TrainingSet trainingSet;
            try
            {
                trainingSet = set;
                // Trees done of trees asked for: a large file with fixed settings is one long fit.
                result = TerminalProgress.Run(parse.InvocationConfiguration.Error, progress => BoostingTrainer.Train(set, options, progress: progress));
            }
            catch (ArgumentException ex)
            {
                throw new PredictorInputException(ex.Message, ex);
            }
            var model = parse.GetValue(output)!;
            var artifact = new ModelArtifact(TrainingProvenance.WithFeatureRanges(result.Model, trainingSet), new ModelMetadata
            {
                Label = parse.GetValue(input.Label),
                LabelMeaning = TrainingData.LabelMeaning(parse.GetValue(input.Label)!),
                Seed = options.Seed,
                TrainingOptions = TrainingProvenance.Describe(options),
                Data = TrainingProvenance.Fingerprint(trainingSet),
                Producer = Producer,
                CreatedUtc = createdUtc,
            });
            CliFiles.WriteAtomically(model.FullName, stream => ModelJson.Write(artifact, stream));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained {result.Model.Trees.Count} trees on {table.RowCount:N0} patients x {set.FeatureCount} features in {clock.Elapsed.TotalSeconds:F2} s -> {model.FullName}"));
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>Who wrote a model file: this program and its version.</summary>
    private static string Producer => "predictor " + typeof(TrainCommand).Assembly.GetName().Version;

    private static GbdtOptions Preset(string name)
    {
        try
        {
            return GbdtPresets.ByName(name);
        }
        catch (ArgumentException ex)
        {
            throw new PredictorInputException("--preset: " + ex.Message, ex);
        }
    }

    private static int TrainPipeline(ParseResult parse, TrainingData input, PipelineOptions options, int? replicates, bool json, FileInfo output, FileInfo? testFile, FileInfo? report, DateTimeOffset createdUtc)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var clock = Stopwatch.StartNew();
        var (table, set, _) = input.Load(parse);
        // The replicates' models give the report bootstrap intervals for the linear terms.
        var replicateModels = new ReplicateModels(set);
        var (result, bootstrap) = TerminalProgress.Run(parse.InvocationConfiguration.Error, progress =>
        {
            try
            {
                var fitted = ClinicalPipeline.Fit(set, options, progress);
                // The bootstrap reruns everything B times: the default keeps it to cohorts small enough to finish in minutes.
                int b = replicates ?? OptimismBootstrap.DefaultFor(set.RowCount);
                var optimism = b > 0 ? OptimismBootstrap.Run(set, replicateModels.Learner(options), b, options.Seed, options.Threads, progress.Stage("bootstrap")) : null;
                return (fitted, optimism);
            }
            catch (ArgumentException ex)
            {
                throw new PredictorInputException(ex.Message, ex);
            }
        });
        string label = parse.GetValue(input.Label)!;
        var description = new ArtifactDescription(label, TrainingData.LabelMeaning(label), Producer, createdUtc);
        var artifact = PipelineArtifact.Create(result, set, description, bootstrap);
        CliFiles.WriteAtomically(output.FullName, stream => ModelJson.Write(artifact, stream));
        var sampleSize = TrainingSetSampleSize.Compute(set, result.CrossValidated.Auc.Auc);
        HeldOut? heldOut = null;
        if (testFile is not null)
        {
            var (_, testSet, _) = input.Load(parse, testFile, "--test");
            try
            {
                heldOut = new HeldOut(
                    PerformanceSummary.Compute(result.Model.PredictProbabilities(testSet), testSet.Labels, result.Model.Threshold),
                    PerformanceSummary.Compute(result.Model.PredictBaseline(testSet), testSet.Labels, result.Model.Threshold));
            }
            catch (ArgumentException ex)
            {
                throw new PredictorInputException($"--test {testFile.Name}: " + ex.Message, ex);
            }
        }
        // Level names of ordered categories (BCLC stage), which the training set holds as codes: Table 1 shows them.
        var orderedLevels = TrainingSetBuilder.OrderedLevels(table);
        if (json) PipelineSummary.WriteJson(stdout, result, bootstrap, sampleSize, heldOut, CohortTable.Compute(set, orderedLevels));
        else
        {
            PipelineSummary.WriteTable(stdout, result, bootstrap, sampleSize, heldOut);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model ({result.Learner} learner, {Describe(result.Model.Ensemble)}, {(result.Model.Calibrator is IdentityCalibrator ? "no" : result.Model.Calibrator.Method)} calibration, threshold {result.Model.Threshold:F3}) -> {output.FullName} in {clock.Elapsed.TotalSeconds:F1} s"));
        }
        // After the summary, so the last line says where the report is.
        if (report is not null)
            TrainingReportFile.Write(report, new TrainingReportInput(parse.GetValue(input.Data)!.Name, parse.GetValue(input.Label)!, set, result, options, sampleSize, bootstrap) { OrderedLevels = orderedLevels, ReplicateModels = replicateModels.Models }, json ? parse.InvocationConfiguration.Error : stdout);
        return ExitCode.Success;
    }

    private static ThresholdRule ThresholdRuleOption(double target)
    {
        try
        {
            return ThresholdRule.AtLeastSensitivity(target);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new PredictorInputException("--min-sensitivity: " + ex.Message.Split(" (Parameter")[0], ex);
        }
    }

    private static Dictionary<string, int>? ParseMonotone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var constraints = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split('=', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || !int.TryParse(pieces[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int direction) || direction is < -1 or > 1)
                throw new PredictorInputException($"--monotone: '{part}' must look like feature=+1, feature=-1 or feature=0.");
            constraints[pieces[0]] = direction;
        }
        return constraints;
    }

    private static string Describe(TreeEnsemble ensemble) => ensemble.Linear is { } linear
        ? string.Create(CultureInfo.InvariantCulture, $"{linear.Terms.Count} linear terms + {ensemble.Trees.Count} trees")
        : string.Create(CultureInfo.InvariantCulture, $"{ensemble.Trees.Count} trees");
}
