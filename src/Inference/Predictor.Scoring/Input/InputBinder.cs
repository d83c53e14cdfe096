using System.Globalization;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Input;

/// <summary>
/// Turns named inputs (one patient as a name-to-value map, or a batch as named columns) into the row-major doubles
/// <see cref="TreeEnsemble"/> and <see cref="Compiled.CompiledEnsemble"/> read, checking each value against the
/// model's embedded schema under an <see cref="InputPolicy"/> (strict by default). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Accepted patient values: null (missing); for numeric features double, float, int, long, short, byte, decimal
/// and bool (0/1), with NaN as missing; for categorical features the level name as a string. Text is never parsed
/// into numbers, so no culture can change a score.
/// </remarks>
public sealed class InputBinder
{
    private readonly Dictionary<string, int> _featureIndex;

    /// <summary>A binder for <paramref name="model"/>'s schema under <paramref name="policy"/> (strict when null).</summary>
    public InputBinder(TreeEnsemble model, InputPolicy? policy = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Policy = policy ?? InputPolicy.Strict;
        _featureIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < model.Features.Count; f++) _featureIndex.Add(model.Features[f].Name, f);
    }

    /// <summary>The model whose schema inputs are bound to.</summary>
    public TreeEnsemble Model { get; }

    /// <summary>The rules for input the schema does not cover.</summary>
    public InputPolicy Policy { get; }

    /// <summary>One patient's row, in the model's feature order.</summary>
    public double[] BindPatient(IReadOnlyDictionary<string, object?> patient)
    {
        var row = new double[Model.Features.Count];
        BindPatient(patient, row);
        return row;
    }

    /// <summary>Writes one patient's row into <paramref name="row"/> (length = number of features).</summary>
    public void BindPatient(IReadOnlyDictionary<string, object?> patient, Span<double> row)
    {
        ArgumentNullException.ThrowIfNull(patient);
        RequireLength(row.Length, Model.Features.Count, "row");
        if (Policy.ExtraColumn == ExtraColumnRule.Reject)
        {
            foreach (string name in patient.Keys)
            {
                if (!_featureIndex.ContainsKey(name)) throw ExtraColumn(name);
            }
        }
        for (int f = 0; f < row.Length; f++)
        {
            var feature = Model.Features[f];
            row[f] = patient.TryGetValue(feature.Name, out object? value) ? PatientValue(feature, value) : AbsentFeature(feature);
        }
    }

    /// <summary>Row-major values for <paramref name="rowCount"/> patients given as named columns.</summary>
    public double[] BindColumns(IReadOnlyList<InputColumn> columns, int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var rows = new double[checked(rowCount * Model.Features.Count)];
        BindColumns(columns, rowCount, rows);
        return rows;
    }

    /// <summary>Writes row-major values for <paramref name="rowCount"/> patients into <paramref name="rows"/>.</summary>
    public void BindColumns(IReadOnlyList<InputColumn> columns, int rowCount, Span<double> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        int width = Model.Features.Count;
        RequireLength(rows.Length, checked(rowCount * width), "rows");
        var byFeature = new InputColumn?[width];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (!seen.Add(column.Name))
                throw new ScoringInputException(ScoringInputProblem.DuplicateColumn, column.Name, null, $"Input column '{column.Name}' appears twice.");
            if (column.Length != rowCount)
                throw new ScoringInputException(ScoringInputProblem.WrongLength, column.Name, null,
                    Invariant($"Input column '{column.Name}' has {column.Length} rows; the batch has {rowCount}."));
            if (_featureIndex.TryGetValue(column.Name, out int f)) byFeature[f] = column;
            else if (Policy.ExtraColumn == ExtraColumnRule.Reject) throw ExtraColumn(column.Name);
        }
        for (int f = 0; f < width; f++)
        {
            var feature = Model.Features[f];
            var column = byFeature[f];
            if (column is null)
            {
                double missing = AbsentFeature(feature);
                for (int r = 0; r < rowCount; r++) rows[r * width + f] = missing;
            }
            else if (feature.Kind == FeatureKind.Numeric)
            {
                if (!column.IsNumeric) throw WrongType(feature, null, "a categorical column");
                var values = column.Numbers.Span;
                for (int r = 0; r < rowCount; r++) rows[r * width + f] = Number(feature, values[r], r);
            }
            else if (column.Names is { } names)
            {
                for (int r = 0; r < rowCount; r++) rows[r * width + f] = Category(feature, names[r], r);
            }
            else if (column.Levels is { } levels)
            {
                var codeMap = new double[levels.Count];
                for (int i = 0; i < codeMap.Length; i++) codeMap[i] = feature.CodeOf(levels[i]);
                var codes = column.Codes.Span;
                for (int r = 0; r < rowCount; r++)
                {
                    int code = codes[r];
                    rows[r * width + f] = code < 0 ? double.NaN : double.IsNaN(codeMap[code]) ? UnknownCategory(feature, r) : codeMap[code];
                }
            }
            else
            {
                throw WrongType(feature, null, "a numeric column");
            }
        }
    }

    private double PatientValue(ModelFeature feature, object? value)
    {
        if (value is null) return double.NaN;
        if (feature.Kind == FeatureKind.Categorical)
            return value is string level ? Category(feature, level, null) : throw WrongType(feature, null, KindOf(value));
        double number = value switch
        {
            double d => d,
            float s => s,
            int i => i,
            long l => l,
            short h => h,
            byte b => b,
            decimal m => (double)m,
            bool flag => flag ? 1 : 0,
            _ => throw WrongType(feature, null, KindOf(value)),
        };
        return Number(feature, number, null);
    }

    private double AbsentFeature(ModelFeature feature) => Policy.MissingColumn == MissingColumnRule.ScoreAsMissing
        ? double.NaN
        : throw new ScoringInputException(ScoringInputProblem.MissingColumn, feature.Name, null,
            $"The model needs feature '{feature.Name}', which is not in the input (policy: absent features are rejected; give null for a missing value).");

    private double Number(ModelFeature feature, double value, int? row)
    {
        if (double.IsNaN(value)) return value;
        if (double.IsInfinity(value))
            throw new ScoringInputException(ScoringInputProblem.NotFinite, feature.Name, row,
                $"Feature '{feature.Name}'{At(row)}: the value is infinite; give a finite number, or null/NaN for a missing value.");
        double min = feature.Minimum ?? double.NegativeInfinity, max = feature.Maximum ?? double.PositiveInfinity;
        if (value >= min && value <= max) return value;
        return Policy.OutOfRange switch
        {
            OutOfRangeRule.Clamp => Math.Clamp(value, min, max),
            OutOfRangeRule.ScoreAsMissing => double.NaN,
            OutOfRangeRule.Accept => value,
            _ => throw new ScoringInputException(ScoringInputProblem.OutOfRange, feature.Name, row,
                Invariant($"Feature '{feature.Name}'{At(row)}: the value is outside the training range [{feature.Minimum ?? double.NegativeInfinity}, {feature.Maximum ?? double.PositiveInfinity}] (policy: out-of-range values are rejected)."))
        };
    }

    private double Category(ModelFeature feature, string? level, int? row)
    {
        if (level is null) return double.NaN;
        double code = feature.CodeOf(level);
        return double.IsNaN(code) ? UnknownCategory(feature, row) : code;
    }

    private double UnknownCategory(ModelFeature feature, int? row) => Policy.UnknownCategory == UnknownCategoryRule.ScoreAsMissing
        ? double.NaN
        : throw new ScoringInputException(ScoringInputProblem.UnknownCategory, feature.Name, row,
            $"Feature '{feature.Name}'{At(row)}: the category is not one the model was trained on (expected one of: {string.Join(", ", feature.Levels)}; policy: unknown categories are rejected).");

    private ScoringInputException ExtraColumn(string name) => new(ScoringInputProblem.ExtraColumn, name, null,
        $"Input '{name}' is not a feature of the model (policy: unknown inputs are rejected; check the spelling).");

    private static ScoringInputException WrongType(ModelFeature feature, int? row, string got) => new(ScoringInputProblem.WrongType, feature.Name, row,
        feature.Kind == FeatureKind.Categorical
            ? $"Feature '{feature.Name}'{At(row)} expects a category name (one of: {string.Join(", ", feature.Levels)}) or null; got {got}."
            : $"Feature '{feature.Name}'{At(row)} expects a number (booleans as true/false) or null; got {got}.");

    private static string KindOf(object value) => value is string ? "text" : $"a value of type {value.GetType().Name}";

    private static string At(int? row) => row is { } r ? Invariant($", row index {r}") : "";

    private static void RequireLength(int actual, int expected, string what)
    {
        if (actual != expected)
            throw new ScoringInputException(ScoringInputProblem.WrongLength, null, null,
                Invariant($"The {what} buffer holds {actual} values; {expected} are needed."));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
