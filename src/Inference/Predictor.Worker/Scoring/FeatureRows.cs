using Predictor.Data.Tables;
using Predictor.Scoring.Trees;

namespace Predictor.Worker.Scoring;

/// <summary>
/// Lays a contract-validated table out as the row-major doubles a <see cref="TreeEnsemble"/> reads, matching columns
/// to the model's features by name. Categorical levels are matched by name (unknown levels score as missing);
/// ordered categories become their level codes and booleans 0/1, as in training.
/// </summary>
/// <remarks>
/// Mirrors <c>Predictor.Training.Gbdt.Data.ModelInput</c>, which the worker cannot reference (it depends on data and
/// scoring only). When Predictor.Scoring gains a table-free batch-binding helper this adapter should use it.
/// </remarks>
internal static class FeatureRows
{
    public static double[] FromTable(DataTable table, TreeEnsemble model)
    {
        int width = model.Features.Count;
        var rows = new double[checked(table.RowCount * width)];
        for (int f = 0; f < width; f++)
        {
            var feature = model.Features[f];
            if (!table.TryGetColumn(feature.Name, out var column))
            {
                // An optional contract column (a miRNA) absent from the input is missing for every patient.
                for (int r = 0; r < table.RowCount; r++) rows[r * width + f] = double.NaN;
                continue;
            }
            Fill(feature, column, rows, f, width);
        }
        return rows;
    }

    private static void Fill(ModelFeature feature, Column column, double[] rows, int f, int width)
    {
        switch (column)
        {
            case CategoricalColumn categorical when feature.Kind == FeatureKind.Categorical:
                var codeMap = categorical.Levels.Select(feature.CodeOf).ToArray();
                for (int r = 0; r < categorical.Length; r++)
                {
                    int code = categorical.Codes[r];
                    rows[r * width + f] = code == CategoricalColumn.MissingCode ? double.NaN : codeMap[code];
                }
                break;
            case NumericColumn numeric when feature.Kind == FeatureKind.Numeric:
                var values = numeric.Values;
                for (int r = 0; r < values.Length; r++) rows[r * width + f] = values[r];
                break;
            case BooleanColumn boolean when feature.Kind == FeatureKind.Numeric:
                for (int r = 0; r < boolean.Length; r++)
                {
                    byte b = boolean.Values[r];
                    rows[r * width + f] = b == BooleanColumn.Missing ? double.NaN : b;
                }
                break;
            case CategoricalColumn { IsOrdered: true } ordered when feature.Kind == FeatureKind.Numeric:
                for (int r = 0; r < ordered.Length; r++)
                {
                    int code = ordered.Codes[r];
                    rows[r * width + f] = code == CategoricalColumn.MissingCode ? double.NaN : code;
                }
                break;
            default:
                // ModelLoader checks every feature against the contract, so this is a bug, not a user mistake.
                throw new InvalidOperationException($"Column '{column.Name}' ({column.Kind}) cannot feed model feature '{feature.Name}' ({feature.Kind}).");
        }
    }
}
