namespace Predictor.Survival.Numerics;

/// <summary>
/// The LDLᵀ Cholesky decomposition of a symmetric positive semi-definite matrix with a pivot tolerance,
/// as R's survival package does it (<c>cholesky2</c>): a pivot below <c>tolerance × max diagonal</c> marks the
/// column as linearly dependent on the earlier ones instead of producing infinities.
/// </summary>
public sealed class TolerantCholesky
{
    /// <summary>R's <c>coxph.control()$toler.chol</c> = .Machine$double.eps^0.75.</summary>
    public const double DefaultTolerance = 1.8189894035458565e-12;

    private readonly double[,] _ld;
    private readonly bool[] _singular;

    public TolerantCholesky(double[,] matrix, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException("The matrix must be square.", nameof(matrix));
        _ld = (double[,])matrix.Clone();
        _singular = new bool[n];
        double eps = 0;
        for (int i = 0; i < n; i++) eps = Math.Max(eps, _ld[i, i]);
        eps = eps == 0 ? tolerance : eps * tolerance;
        for (int i = 0; i < n; i++)
        {
            double pivot = _ld[i, i];
            if (!double.IsFinite(pivot) || pivot < eps)
            {
                // A dependent column takes no part in later pivots, so its multipliers are cleared too.
                for (int j = i; j < n; j++) _ld[j, i] = 0;
                _singular[i] = true;
                continue;
            }
            Rank++;
            for (int j = i + 1; j < n; j++)
            {
                double temp = _ld[j, i] / pivot;
                _ld[j, i] = temp;
                _ld[j, j] -= temp * temp * pivot;
                for (int k = j + 1; k < n; k++) _ld[k, j] -= temp * _ld[k, i];
            }
        }
    }

    public int Size => _singular.Length;

    /// <summary>The number of columns that are not linear combinations of earlier ones.</summary>
    public int Rank { get; }

    /// <summary>Whether column <paramref name="i"/> was found to depend linearly on earlier columns.</summary>
    public bool IsSingular(int i) => _singular[i];

    /// <summary>Solves A x = b; the components of singular columns are set to zero.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = Size;
        var x = b.ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) x[i] -= x[j] * _ld[i, j];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            if (_singular[i]) { x[i] = 0; continue; }
            x[i] /= _ld[i, i];
            for (int j = i + 1; j < n; j++) x[i] -= x[j] * _ld[j, i];
        }
        return x;
    }

    /// <summary>The (generalised) inverse: rows and columns of singular columns are zero.</summary>
    public double[,] Inverse()
    {
        int n = Size;
        var inverse = new double[n, n];
        var unit = new double[n];
        for (int c = 0; c < n; c++)
        {
            Array.Clear(unit);
            unit[c] = 1;
            var column = Solve(unit);
            for (int r = 0; r < n; r++) inverse[r, c] = _singular[c] ? 0 : column[r];
        }
        return inverse;
    }

    /// <summary>bᵀ A⁻ b, the quadratic form behind Wald and score statistics.</summary>
    public double QuadraticForm(ReadOnlySpan<double> b)
    {
        var x = Solve(b);
        double sum = 0;
        for (int i = 0; i < b.Length; i++) sum += b[i] * x[i];
        return sum;
    }
}
