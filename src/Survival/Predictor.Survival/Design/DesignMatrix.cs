namespace Predictor.Survival.Design;

/// <summary>
/// The covariates of a regression model as numbers: one row per patient, one column per coefficient. Columns are
/// grouped into <see cref="Terms"/> (a categorical covariate with k levels is one term of k − 1 columns), which is
/// how tests such as <c>cox.zph</c> report them.
/// </summary>
public sealed class DesignMatrix
{
    private readonly double[,] _values;

    public DesignMatrix(double[,] values, IReadOnlyList<string> columnNames, IReadOnlyList<DesignTerm>? terms = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(columnNames);
        if (values.GetLength(1) != columnNames.Count)
            throw new ArgumentException($"{values.GetLength(1)} columns but {columnNames.Count} names.", nameof(columnNames));
        _values = values;
        ColumnNames = [.. columnNames];
        Terms = terms is null ? [.. columnNames.Select((c, i) => new DesignTerm(c, [i]))] : [.. terms];
        var covered = Terms.SelectMany(t => t.Columns).Order().ToArray();
        if (!covered.SequenceEqual(Enumerable.Range(0, columnNames.Count)))
            throw new ArgumentException("The terms must cover every column exactly once.", nameof(terms));
    }

    /// <summary>A matrix from named columns (each one term).</summary>
    public static DesignMatrix FromColumns(IReadOnlyList<(string Name, double[] Values)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int rows = columns.Count == 0 ? 0 : columns[0].Values.Length;
        var values = new double[rows, columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c].Values.Length != rows) throw new ArgumentException($"Column '{columns[c].Name}' has a different length.", nameof(columns));
            for (int r = 0; r < rows; r++) values[r, c] = columns[c].Values[r];
        }
        return new DesignMatrix(values, [.. columns.Select(c => c.Name)]);
    }

    public int RowCount => _values.GetLength(0);

    public int ColumnCount => _values.GetLength(1);

    public IReadOnlyList<string> ColumnNames { get; }

    public IReadOnlyList<DesignTerm> Terms { get; }

    public double this[int row, int column] => _values[row, column];

    /// <summary>The mean of each column (R centres covariates on them before fitting).</summary>
    public double[] ColumnMeans()
    {
        var means = new double[ColumnCount];
        for (int c = 0; c < ColumnCount; c++)
        {
            double sum = 0;
            for (int r = 0; r < RowCount; r++) sum += _values[r, c];
            means[c] = RowCount == 0 ? 0 : sum / RowCount;
        }
        return means;
    }

    /// <summary>The rows listed, in that order.</summary>
    public DesignMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        var values = new double[rows.Length, ColumnCount];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < ColumnCount; c++) values[r, c] = _values[rows[r], c];
        }
        return new DesignMatrix(values, ColumnNames, Terms);
    }
}

/// <summary>One covariate as the user named it, and the design columns that encode it.</summary>
public sealed record DesignTerm(string Name, IReadOnlyList<int> Columns);
