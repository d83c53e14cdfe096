using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Trees;

namespace Predictor.Training.Gbdt.Data;

/// <summary>
/// Lays a table out as the row-major doubles a <see cref="TreeEnsemble"/> reads, matching columns to the model's
/// features by name. Categorical levels are matched by name, so a file whose level order differs still scores right;
/// levels the model never saw are scored as missing (the documented rule for unknown categories).
/// </summary>
public static class ModelInput
{
    public static double[] FromTable(DataTable table, TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(model);
        int width = model.Features.Count;
        var rows = new double[checked(table.RowCount * width)];
        for (int f = 0; f < width; f++)
        {
            var feature = model.Features[f];
            if (!table.TryGetColumn(feature.Name, out var column))
                throw new PredictorInputException($"The model needs column '{feature.Name}', which is not in the data.");
            var values = Values(feature, column);
            for (int r = 0; r < values.Length; r++) rows[r * width + f] = values[r];
        }
        return rows;
    }

    private static double[] Values(ModelFeature feature, Column column)
    {
        if (feature.Kind == FeatureKind.Categorical)
        {
            if (column is not CategoricalColumn categorical)
                throw new PredictorInputException($"Column '{feature.Name}' must be categorical, as in training.");
            var codeMap = categorical.Levels.Select(feature.CodeOf).ToArray();
            var values = new double[categorical.Length];
            for (int i = 0; i < values.Length; i++)
            {
                int code = categorical.Codes[i];
                values[i] = code == CategoricalColumn.MissingCode ? double.NaN : codeMap[code];
            }
            return values;
        }
        return column switch
        {
            NumericColumn n => n.Values.ToArray(),
            BooleanColumn b => b.ToDoubles(),
            CategoricalColumn { IsOrdered: true } c => Enumerable.Range(0, c.Length)
                .Select(i => c.Codes[i] == CategoricalColumn.MissingCode ? double.NaN : c.Codes[i]).ToArray(),
            _ => throw new PredictorInputException($"Column '{feature.Name}' must be numeric, boolean or ordered, as in training."),
        };
    }
}
