using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Trees;

namespace Predictor.Training.DataSets;

/// <summary>
/// Turns a <see cref="DataTable"/> into learner inputs. Numeric and boolean columns become numeric features (booleans
/// as 0/1). Unordered categorical columns become categorical features. Ordered categorical columns (BCLC stage) become
/// numeric level codes, so splits respect the order (0 &lt; A &lt; B &lt; C &lt; D) and monotone constraints can apply.
/// </summary>
public static class TrainingSetBuilder
{
    /// <summary>Builds a training set; throws <see cref="PredictorInputException"/> for user mistakes.</summary>
    public static TrainingSet FromTable(DataTable table, IReadOnlyList<string> featureNames, string labelName, string? weightName = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(featureNames);
        var features = featureNames.Select(name => ToFeature(table, name)).ToList();
        var labels = ReadLabels(table, labelName);
        double[]? weights = null;
        if (weightName is not null)
        {
            if (!table.TryGetColumn(weightName, out var column) || column is not NumericColumn numeric)
                throw new PredictorInputException($"Weight column '{weightName}' is missing or not numeric.");
            weights = numeric.Values.ToArray();
            for (int i = 0; i < weights.Length; i++)
            {
                if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
                    throw new PredictorInputException($"Weight column '{weightName}' row {i + 1}: expected a finite non-negative number.");
            }
        }
        if (table.RowCount == 0) throw new PredictorInputException("The training data have no rows.");
        return new TrainingSet(features, labels, weights);
    }

    /// <summary>A column as a learner feature (also used to score new tables against a model's schema).</summary>
    public static FeatureColumn ToFeature(DataTable table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.TryGetColumn(name, out var column))
            throw new PredictorInputException($"Feature column '{name}' is not in the data.");
        return column switch
        {
            NumericColumn n => new FeatureColumn(name, CheckFinite(n)),
            BooleanColumn b => new FeatureColumn(name, b.ToDoubles()),
            CategoricalColumn { IsOrdered: true } c => new FeatureColumn(name, Codes(c)),
            CategoricalColumn c => new FeatureColumn(name, FeatureKind.Categorical, Codes(c), c.Levels),
            _ => throw new PredictorInputException($"Column '{name}' holds text; it cannot be a feature (identifiers such as patient_id never are)."),
        };
    }

    /// <summary>
    /// Level names of the table's ordered categories, in order: <see cref="ToFeature"/> keeps only their codes, and a
    /// summary of the cohort (the training report's Table 1) shows the names.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> OrderedLevels(DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Columns.OfType<CategoricalColumn>().Where(c => c.IsOrdered).ToDictionary(c => c.Name, c => c.Levels, StringComparer.Ordinal);
    }

    private static double[] ReadLabels(DataTable table, string labelName)
    {
        if (!table.TryGetColumn(labelName, out var column))
            throw new PredictorInputException($"Label column '{labelName}' is not in the data.");
        var labels = new double[table.RowCount];
        switch (column)
        {
            case BooleanColumn b:
                for (int i = 0; i < labels.Length; i++)
                {
                    labels[i] = b.Values[i] == BooleanColumn.Missing
                        ? throw new PredictorInputException($"Label column '{labelName}' row {i + 1} is missing; training rows need a label.")
                        : b.Values[i];
                }
                break;
            case NumericColumn n:
                for (int i = 0; i < labels.Length; i++)
                {
                    labels[i] = n[i] is 0.0 or 1.0
                        ? n[i]
                        : throw new PredictorInputException($"Label column '{labelName}' row {i + 1} is {n.FormatValue(i) ?? "missing"}; expected 0 or 1.");
                }
                break;
            default:
                // Say what the column holds, so "yes/no" or a three-level outcome is recognised at once.
                var distinct = Enumerable.Range(0, column.Length).Select(column.FormatValue).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                string shown = string.Join(", ", distinct.Take(3).Select(v => $"'{v}'")) + (distinct.Count > 3 ? ", ..." : "");
                throw new PredictorInputException(
                    $"Label column '{labelName}' has {distinct.Count} distinct value(s) ({shown}); a binary label must be coded true/false or 1/0.");
        }
        return labels;
    }

    private static double[] CheckFinite(NumericColumn column)
    {
        var values = column.Values.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
                throw new PredictorInputException($"Feature column '{column.Name}' row {i + 1} is infinite.");
        }
        return values;
    }

    private static double[] Codes(CategoricalColumn column)
    {
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = column.Codes[i] == CategoricalColumn.MissingCode ? double.NaN : column.Codes[i];
        return values;
    }
}
