namespace Predictor.Training.Statistics;

/// <summary>Solves a symmetric positive-definite system by Cholesky factorisation (small dense matrices only).</summary>
public static class Cholesky
{
    /// <summary>Returns x with A x = b; <paramref name="matrix"/> is row-major size × size and is not modified.</summary>
    public static double[] Solve(ReadOnlySpan<double> matrix, ReadOnlySpan<double> rhs, int size)
    {
        var l = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[i * size + j];
                for (int k = 0; k < j; k++) sum -= l[i * size + k] * l[j * size + k];
                if (i == j)
                {
                    if (!(sum > 0)) throw new ArithmeticException("The matrix is not positive definite.");
                    l[i * size + i] = Math.Sqrt(sum);
                }
                else l[i * size + j] = sum / l[j * size + j];
            }
        }
        var y = new double[size];
        for (int i = 0; i < size; i++)
        {
            double sum = rhs[i];
            for (int k = 0; k < i; k++) sum -= l[i * size + k] * y[k];
            y[i] = sum / l[i * size + i];
        }
        var x = new double[size];
        for (int i = size - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < size; k++) sum -= l[k * size + i] * x[k];
            x[i] = sum / l[i * size + i];
        }
        return x;
    }
}
