using Predictor.Data.Tables;
using Predictor.Scoring.Input;
using Predictor.Scoring.Trees;

namespace Predictor.Worker.Scoring;

/// <summary>
/// Lays a contract-validated table out as the row-major doubles a <see cref="TreeEnsemble"/> reads, through the
/// scoring library's <see cref="InputBinder"/> under <see cref="InputPolicy.Tolerant"/>: levels matched by name
/// (unknown levels score as missing), ordered categories as level codes, booleans 0/1, as in training; an optional
/// contract column (a miRNA) absent from the input is missing for every patient.
/// </summary>
internal static class FeatureRows
{
    public static double[] FromTable(DataTable table, TreeEnsemble model) => FromTable(table, model, InputPolicy.Tolerant);

    public static double[] FromTable(DataTable table, TreeEnsemble model, InputPolicy policy)
    {
        var byName = model.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var columns = new List<InputColumn>();
        foreach (var column in table.Columns)
        {
            if (byName.TryGetValue(column.Name, out var feature)) columns.Add(ToInput(column, feature));
            // A strict policy refuses other columns before reading them, so their values need not be copied.
            else if (policy.ExtraColumn == ExtraColumnRule.Reject) columns.Add(InputColumn.Numeric(column.Name, new double[column.Length]));
        }
        return new InputBinder(model, policy).BindColumns(columns, table.RowCount);
    }

    private static InputColumn ToInput(Column column, ModelFeature feature) => (column, feature.Kind) switch
    {
        (CategoricalColumn c, FeatureKind.Categorical) => InputColumn.Categorical(c.Name, c.Codes.ToArray(), c.Levels),
        (NumericColumn n, FeatureKind.Numeric) => InputColumn.Numeric(n.Name, n.Values.ToArray()),
        (BooleanColumn b, FeatureKind.Numeric) => InputColumn.Numeric(b.Name, b.ToDoubles()),
        (CategoricalColumn { IsOrdered: true } o, FeatureKind.Numeric) => InputColumn.Numeric(o.Name, OrderedCodes(o)),
        // ModelLoader checks every feature against the contract, so this is a bug, not a user mistake.
        _ => throw new InvalidOperationException($"Column '{column.Name}' ({column.Kind}) cannot feed model feature '{feature.Name}' ({feature.Kind})."),
    };

    private static double[] OrderedCodes(CategoricalColumn column)
    {
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++) values[i] = column.Codes[i] == CategoricalColumn.MissingCode ? double.NaN : column.Codes[i];
        return values;
    }
}
