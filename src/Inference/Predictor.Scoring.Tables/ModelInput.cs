using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Input;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Tables;

/// <summary>
/// Lays a table out as the row-major doubles a <see cref="TreeEnsemble"/> reads, through the scoring library's
/// <see cref="InputBinder"/>: columns are matched to features by name, categorical levels by name (a file whose level
/// order differs still scores right), booleans become 0/1 and ordered categories their level codes, as in training.
/// </summary>
public static class ModelInput
{
    /// <summary>
    /// The rules of <c>predictor predict</c>: a feature absent from the table is an error, levels the model never saw
    /// are scored as missing, numbers beyond the training range are clamped to it (which leaves the trees' scores as
    /// they were and stops a linear term from extrapolating), other columns are ignored.
    /// </summary>
    public static InputPolicy DefaultPolicy { get; } = InputPolicy.Tolerant with { MissingColumn = MissingColumnRule.Reject };

    /// <summary>Binds <paramref name="table"/> under <see cref="DefaultPolicy"/>.</summary>
    public static double[] FromTable(DataTable table, TreeEnsemble model) => FromTable(table, model, DefaultPolicy);

    /// <summary>Binds <paramref name="table"/> under <paramref name="policy"/>; a broken rule is a user input error.</summary>
    public static double[] FromTable(DataTable table, TreeEnsemble model, InputPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(model);
        var byName = model.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var columns = new List<InputColumn>();
        foreach (var column in table.Columns)
        {
            if (byName.TryGetValue(column.Name, out var feature)) columns.Add(ToInput(column, feature));
            // A strict policy refuses other columns before reading them, so their values need not be copied.
            else if (policy.ExtraColumn == ExtraColumnRule.Reject) columns.Add(InputColumn.Numeric(column.Name, new double[column.Length]));
        }
        try
        {
            return new InputBinder(model, policy).BindColumns(columns, table.RowCount);
        }
        catch (ScoringInputException ex)
        {
            throw new PredictorInputException(ex.Message, ex);
        }
    }

    private static InputColumn ToInput(Column column, ModelFeature feature) => (column, feature.Kind) switch
    {
        (CategoricalColumn c, FeatureKind.Categorical) => InputColumn.Categorical(c.Name, c.Codes.ToArray(), c.Levels),
        (NumericColumn n, FeatureKind.Numeric) => InputColumn.Numeric(n.Name, n.Values.ToArray()),
        (BooleanColumn b, FeatureKind.Numeric) => InputColumn.Numeric(b.Name, b.ToDoubles()),
        (CategoricalColumn { IsOrdered: true } o, FeatureKind.Numeric) => InputColumn.Numeric(o.Name, OrderedCodes(o)),
        (_, FeatureKind.Categorical) => throw new PredictorInputException($"Column '{feature.Name}' must be categorical, as in training."),
        _ => throw new PredictorInputException($"Column '{feature.Name}' must be numeric, boolean or ordered, as in training."),
    };

    private static double[] OrderedCodes(CategoricalColumn column)
    {
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++) values[i] = column.Codes[i] == CategoricalColumn.MissingCode ? double.NaN : column.Codes[i];
        return values;
    }
}
