using System.Globalization;
using Predictor.Data.Errors;
using Predictor.Data.Tables;

namespace Predictor.Survival.Design;

/// <summary>The design matrix built from table columns, with the rows it kept.</summary>
/// <param name="Matrix">Covariates of the complete rows.</param>
/// <param name="Rows">Indices (into the table) of the rows kept.</param>
/// <param name="DroppedRows">Rows left out because a covariate was missing (R's na.omit).</param>
public sealed record DesignBuild(DesignMatrix Matrix, IReadOnlyList<int> Rows, int DroppedRows);

/// <summary>
/// Turns table columns into model covariates as R's model.matrix does: numbers and booleans as they are,
/// categories as treatment contrasts against their first level. Rows missing any covariate are left out and counted.
/// </summary>
public static class DesignMatrixBuilder
{
    public static DesignBuild Build(DataTable table, IReadOnlyList<string> covariates, IReadOnlyList<int>? candidateRows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(covariates);
        var columns = covariates.Select(name => table.TryGetColumn(name, out var c)
            ? c
            : throw new PredictorInputException($"Covariate column '{name}' is not in the data (columns: {string.Join(", ", table.ColumnNames)}).")).ToArray();
        if (columns.Any(c => c.Kind == ColumnKind.Text))
        {
            var text = columns.First(c => c.Kind == ColumnKind.Text);
            throw new PredictorInputException($"Covariate column '{text.Name}' holds free text; use a numeric, boolean or categorical column.");
        }

        var candidates = candidateRows ?? [.. Enumerable.Range(0, table.RowCount)];
        var rows = candidates.Where(r => columns.All(c => !c.IsMissing(r))).ToArray();
        int dropped = candidates.Count - rows.Length;

        var names = new List<string>();
        var terms = new List<DesignTerm>();
        var data = new List<double[]>();
        foreach (var column in columns)
        {
            int first = names.Count;
            switch (column)
            {
                case NumericColumn numeric:
                    names.Add(column.Name);
                    data.Add([.. rows.Select(r => numeric[r])]);
                    break;
                case BooleanColumn boolean:
                    names.Add(column.Name);
                    data.Add([.. rows.Select(r => boolean[r] == true ? 1.0 : 0.0)]);
                    break;
                case CategoricalColumn categorical:
                    var present = rows.Select(r => categorical.Codes[r]).Distinct().Order().ToArray();
                    if (present.Length < 2)
                        throw new PredictorInputException($"Covariate column '{column.Name}' has a single level among the rows used; it cannot explain anything.");
                    // Treatment contrasts: the first level present is the reference, as in R.
                    foreach (int level in present.Skip(1))
                    {
                        names.Add(column.Name + categorical.Levels[level]);
                        data.Add([.. rows.Select(r => categorical.Codes[r] == level ? 1.0 : 0.0)]);
                    }
                    break;
                default:
                    throw new PredictorInputException($"Covariate column '{column.Name}' has an unsupported kind {column.Kind}.");
            }
            terms.Add(new DesignTerm(column.Name, [.. Enumerable.Range(first, names.Count - first)]));
        }

        for (int c = 0; c < data.Count; c++)
        {
            if (rows.Length > 0 && data[c].All(v => v == data[c][0]))
                throw new PredictorInputException(
                    $"Covariate '{names[c]}' has no variance (every used row is {data[c][0].ToString("G", CultureInfo.InvariantCulture)}); remove it from the model.");
        }

        var values = new double[rows.Length, names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            for (int r = 0; r < rows.Length; r++) values[r, c] = data[c][r];
        }
        return new DesignBuild(new DesignMatrix(values, names, terms), rows, dropped);
    }
}
