namespace Predictor.Survival.Cox;

/// <summary>How the Cox partial likelihood treats several events at the same time (R's <c>ties</c>).</summary>
public enum TieMethod
{
    /// <summary>Efron's approximation: R's default and close to exact at a fraction of the cost.</summary>
    Efron,
    /// <summary>Breslow's approximation: every tied event sees the full risk set.</summary>
    Breslow,
    /// <summary>The exact discrete (conditional logistic) likelihood: a sum over all subsets of the risk set.</summary>
    Exact,
}
