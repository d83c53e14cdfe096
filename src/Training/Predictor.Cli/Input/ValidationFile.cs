using System.CommandLine;
using Predictor.Data.Errors;
using Predictor.Training.DataSets;

namespace Predictor.Cli.Input;

/// <summary>
/// <c>--valid FILE</c>: a labelled validation set (CSV or Parquet, read and contract-checked with <c>--data</c>'s
/// rules) that early stopping and tuning use instead of the internal hold-out or the cross-validation folds, as
/// XGBoost's <c>evals</c> and LightGBM's <c>valid</c>. Its features must be the training data's, with the same levels.
/// </summary>
internal static class ValidationFile
{
    public static Option<FileInfo?> Option() => new("--valid")
    {
        Description = "Labelled validation file (.csv or .parquet, the training data's feature columns): tuning trains each candidate on all of --data and early-stops and scores it on this file instead of the cross-validation folds (calibration, threshold and CV figures still use the folds); with fixed settings, early stopping uses it instead of holding out 10% (patience --early-stopping, default 40 rounds). Default tuning with --learner ours only.",
    };

    /// <summary>The validation set, refused in one line when its features are not the training set's.</summary>
    public static TrainingSet Load(ParseResult parse, TrainingData input, FileInfo file, TrainingSet training)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(training);
        TrainingSet valid;
        try
        {
            valid = input.Load(parse, file, "--valid").Set;
        }
        catch (PredictorInputException ex) when (!ex.Message.Contains("--valid", StringComparison.Ordinal))
        {
            throw new PredictorInputException($"--valid {file.Name}: {ex.Message}", ex);
        }
        if (Difference(training, valid) is { } difference)
            throw new PredictorInputException($"--valid {file.Name}: its columns differ from the training data's features: {difference}.");
        return valid;
    }

    /// <summary>The first way the validation set's features differ from the training set's, or null when they match.</summary>
    private static string? Difference(TrainingSet training, TrainingSet valid)
    {
        var names = valid.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (training.Features.FirstOrDefault(f => !names.Contains(f.Name)) is { } missing) return $"'{missing.Name}' is missing";
        var trainingNames = training.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (valid.Features.FirstOrDefault(f => !trainingNames.Contains(f.Name)) is { } extra) return $"'{extra.Name}' is not a training feature (leave it out or pass --exclude {extra.Name})";
        for (int i = 0; i < training.FeatureCount; i++)
        {
            var (t, v) = (training.Features[i], valid.Features[i]);
            if (t.Name != v.Name) return $"'{v.Name}' is where the training data have '{t.Name}' (put the columns in the same order)";
            if (t.Kind != v.Kind) return $"'{t.Name}' is {v.Kind.ToString().ToLowerInvariant()} where the training data's is {t.Kind.ToString().ToLowerInvariant()}";
            if (!t.Levels.SequenceEqual(v.Levels, StringComparer.Ordinal))
                return $"'{t.Name}' has the levels {string.Join(",", v.Levels)} where the training data have {string.Join(",", t.Levels)}";
        }
        return null;
    }
}
