using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor train</c>: fits the gradient-boosted tree model on a cohort file and writes the model file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CliOptions.DataFile("Training cohort (.csv) with the label column.");
        var label = new Option<string>("--label") { Description = "Binary label column.", DefaultValueFactory = _ => CohortContract.ResistantAt6Months };
        var output = CliOptions.OutputFile("Where to write the model (JSON, see MODEL_FORMAT.md).");
        var preset = new Option<string>("--preset") { Description = $"Starting settings: {string.Join(", ", GbdtPresets.Names)} (fasttree = ML.NET FastTree's defaults).", DefaultValueFactory = _ => "default" };
        var threads = CliOptions.Threads();
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed, data and options give the same model byte for byte.", DefaultValueFactory = _ => 42UL };
        var features = new Option<string?>("--features") { Description = "Comma-separated feature columns (default: every contract feature in the file)." };
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

        var command = new Command("train", "Train the gradient-boosted tree model that predicts the label (six-month resistance).")
        {
            data, label, output, preset, threads, seed, features, trees, leaves, learningRate, minLeaf, minHessian, maxDepth,
            bins, l2, l1, rowSubsample, featureSubsample, positiveWeight, earlyStopping, monotone,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var options = Preset(parse.GetValue(preset)!) with { Threads = parse.GetValue(threads), Seed = parse.GetValue(seed) };
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

            var file = parse.GetValue(data)!;
            CliFiles.RequireExists(file, "--data");
            string labelName = parse.GetValue(label)!;
            var loaded = CohortLoader.LoadCsv(file.FullName, CohortPurpose.Training);
            ReportIssues(loaded, parse.InvocationConfiguration.Error);
            var table = WithLabel(loaded.Table, labelName, stdout);
            var featureNames = FeatureNames(table, parse.GetValue(features), labelName);

            var clock = Stopwatch.StartNew();
            TrainingResult result;
            TrainingSet trainingSet;
            try
            {
                trainingSet = TrainingSetBuilder.FromTable(table, featureNames, labelName);
                result = BoostingTrainer.Train(trainingSet, options);
            }
            catch (ArgumentException ex)
            {
                throw new PredictorInputException(ex.Message, ex);
            }
            var model = parse.GetValue(output)!;
            var artifact = new ModelArtifact(TrainingProvenance.WithFeatureRanges(result.Model, trainingSet), new ModelMetadata
            {
                Label = labelName,
                Seed = options.Seed,
                TrainingOptions = TrainingProvenance.Describe(options),
                Data = TrainingProvenance.Fingerprint(trainingSet),
                Producer = "Predictor.Training " + typeof(BoostingTrainer).Assembly.GetName().Version,
                CreatedUtc = DateTimeOffset.UtcNow,
            });
            CliFiles.WriteAtomically(model.FullName, stream => ModelJson.Write(artifact, stream));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained {result.Model.Trees.Count} trees on {table.RowCount:N0} patients x {featureNames.Count} features in {clock.Elapsed.TotalSeconds:F2} s -> {model.FullName}"));
            return PredictorCli.Success;
        });
        return command;
    }

    /// <summary>Prints a cohort file's rejected rows (never their values) so that nothing is dropped without a trace.</summary>
    internal static void ReportIssues(CohortLoadResult loaded, TextWriter error)
    {
        if (!loaded.HasIssues) return;
        foreach (var issue in loaded.Issues.Take(20)) error.WriteLine("warning: " + issue);
        if (loaded.Issues.Count > 20) error.WriteLine($"warning: ... {loaded.Issues.Count - 20} more issues");
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warning: {loaded.RejectedRows.Count} of {loaded.SourceRowCount} rows of {loaded.Source} were left out because of the issues above."));
    }

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

    /// <summary>Keeps the rows with a label: untreated patients have none and cannot teach the model about resistance.</summary>
    private static DataTable WithLabel(DataTable table, string labelName, TextWriter stdout)
    {
        if (!table.TryGetColumn(labelName, out var column))
            throw new PredictorInputException($"Label column '{labelName}' is not in the data.");
        var keep = Enumerable.Range(0, table.RowCount).Where(r => !column.IsMissing(r)).ToArray();
        if (keep.Length == 0) throw new PredictorInputException($"No row has a value in label column '{labelName}'.");
        if (keep.Length == table.RowCount) return table;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{table.RowCount - keep.Length:N0} rows have no '{labelName}' (for example untreated patients) and were not used for training."));
        return table.SelectRows(keep);
    }

    private static List<string> FeatureNames(DataTable table, string? requested, string labelName)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var names = requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            if (names.Contains(labelName, StringComparer.Ordinal))
                throw new PredictorInputException($"--features: the label '{labelName}' cannot also be a feature.");
            return names;
        }
        return [.. CohortContract.Features.Select(c => c.Name).Where(table.Contains)];
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
}
