using System.CommandLine;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Training.DataSets;

namespace Predictor.Cli.Input;

/// <summary>
/// Loads a labelled table (CSV or Parquet) for the training verbs. A cohort file (it has <c>patient_id</c>) is checked
/// against the data contract and its contract features are used; any other table is read as it is and every non-text
/// column except the label, the id and <c>--exclude</c> becomes a feature. Labels of other outcomes are never features.
/// </summary>
internal sealed class TrainingData
{
    public Option<FileInfo> Data { get; } = CliOptions.DataFile("Labelled table (.csv or .parquet): a cohort file or any table with a binary label column.");

    public Option<string> Label { get; } = new("--label") { Description = "Binary label column.", DefaultValueFactory = _ => CohortContract.ResistantAt6Months };

    public Option<string?> Features { get; } = new("--features") { Description = "Comma-separated feature columns (default: every usable column)." };

    public Option<string?> Exclude { get; } = new("--exclude") { Description = "Comma-separated columns that must not be features." };

    public Option<string?> Id { get; } = new("--id") { Description = "Identifier column (never a feature; default patient_id when present)." };

    public Option<string[]> Na { get; } = CliOptions.MissingTokens();

    public IEnumerable<Option> All => [Data, Label, Features, Exclude, Id, Na];

    /// <summary>The table restricted to labelled rows, the training set and the id column name (null when none).</summary>
    public (DataTable Table, TrainingSet Set, string? IdColumn) Load(ParseResult parse) => Load(parse, parse.GetValue(Data)!, "--data");

    /// <summary>Loads another file (for example a held-out test cohort) with the same label, id and feature rules.</summary>
    public (DataTable Table, TrainingSet Set, string? IdColumn) Load(ParseResult parse, FileInfo file, string optionName)
    {
        ArgumentNullException.ThrowIfNull(file);
        InputFiles.RequireExists(file, optionName);
        string label = parse.GetValue(Label)!;
        var tokens = parse.GetValue(Na) ?? [];
        var (table, cohort) = InputFiles.Read(file.FullName, CohortPurpose.Training, tokens, parse.InvocationConfiguration.Error);

        if (!table.TryGetColumn(label, out var labelColumn))
            throw new PredictorInputException($"Label column '{label}' is not in {file.Name}.");
        var keep = Enumerable.Range(0, table.RowCount).Where(r => !labelColumn.IsMissing(r)).ToArray();
        if (keep.Length == 0) throw new PredictorInputException($"No row has a value in label column '{label}'.");
        if (keep.Length < table.RowCount)
        {
            parse.InvocationConfiguration.Error.WriteLine(
                $"warning: {table.RowCount - keep.Length} rows have no '{label}' (for example untreated patients) and were not used.");
            table = table.SelectRows(keep);
        }
        string? id = parse.GetValue(Id) ?? (table.Contains(CohortContract.PatientId) ? CohortContract.PatientId : null);
        if (id is not null && !table.Contains(id)) throw new PredictorInputException($"--id: column '{id}' is not in {file.Name}.");
        var features = FeatureNames(table, parse, label, id, cohort);
        if (features.Count == 0) throw new PredictorInputException($"{file.Name}: no feature column left after excluding the label and id.");
        return (table, TrainingSetBuilder.FromTable(table, features, label), id);
    }

    /// <summary>What a positive label means: the contract's description for a contract outcome, else the coding itself.</summary>
    public static string LabelMeaning(string label)
    {
        var column = CohortContract.Columns.FirstOrDefault(c => string.Equals(c.Name, label, StringComparison.Ordinal));
        return column?.Description ?? $"{label} is true (1)";
    }

    private List<string> FeatureNames(DataTable table, ParseResult parse, string label, string? id, bool cohort)
    {
        var excluded = Split(parse.GetValue(Exclude)).ToHashSet(StringComparer.Ordinal);
        excluded.Add(label);
        if (id is not null) excluded.Add(id);
        foreach (var outcome in CohortContract.Columns.Where(c => !c.IsFeature)) excluded.Add(outcome.Name);
        var requested = Split(parse.GetValue(Features)).ToList();
        if (requested.Count > 0)
        {
            var clash = requested.FirstOrDefault(excluded.Contains);
            if (clash is not null) throw new PredictorInputException($"--features: '{clash}' is the label, the id, an outcome or excluded; it cannot be a feature.");
            return requested;
        }
        var candidates = cohort ? CohortContract.Features.Select(c => c.Name).Where(table.Contains) : table.Columns.Select(c => c.Name);
        return [.. candidates.Where(n => !excluded.Contains(n) && table[n] is not TextColumn)];
    }

    private static IEnumerable<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
