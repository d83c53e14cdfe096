namespace Predictor.Survival.Cox;

/// <summary>Fitting controls, defaulting to R's <c>coxph.control()</c>.</summary>
public sealed record CoxOptions
{
    public TieMethod Ties { get; init; } = TieMethod.Efron;

    /// <summary>Newton–Raphson iterations allowed (R's iter.max).</summary>
    public int MaxIterations { get; init; } = 20;

    /// <summary>Convergence: relative change in log-likelihood at most this (R's eps).</summary>
    public double Epsilon { get; init; } = 1e-9;

    /// <summary>Pivot tolerance of the Cholesky decomposition (R's toler.chol).</summary>
    public double CholeskyTolerance { get; init; } = Numerics.TolerantCholesky.DefaultTolerance;

    /// <summary>Threshold for the "coefficient may be infinite" warning (R's toler.inf = sqrt(eps)).</summary>
    public double InfiniteTolerance { get; init; } = Math.Sqrt(1e-9);

    public double ConfidenceLevel { get; init; } = 0.95;
}
