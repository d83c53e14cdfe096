namespace Predictor.Training.Baselines;

/// <summary>
/// Cross-validated log-loss (summed over the held-out rows of every fold) of a penalised logistic regression for each
/// L1 ratio × penalty, as <see cref="PenalisedLogisticRegression.CrossValidate"/> measures it.
/// </summary>
public sealed class PenaltyPath
{
    private readonly double[,] _losses;

    internal PenaltyPath(IReadOnlyList<double> l1Ratios, IReadOnlyList<double> penalties, double[,] losses)
    {
        L1Ratios = l1Ratios;
        Penalties = penalties;
        _losses = losses;
    }

    /// <summary>The L1 ratios, in the order given.</summary>
    public IReadOnlyList<double> L1Ratios { get; }

    /// <summary>The penalties λ, ascending.</summary>
    public IReadOnlyList<double> Penalties { get; }

    /// <summary>Summed held-out log-loss at one L1 ratio (index into <see cref="L1Ratios"/>) and penalty (index into <see cref="Penalties"/>).</summary>
    public double Loss(int ratio, int penalty) => _losses[ratio, penalty];

    /// <summary>
    /// The lowest cross-validated loss over every ratio and penalty. Ties go to the earlier ratio, then the smaller λ,
    /// so ridge (listed first) is kept unless another mix is strictly better.
    /// </summary>
    public Regularisation Best() => Best(L1Ratios);

    /// <summary>The best penalty at one L1 ratio (which must be one of <see cref="L1Ratios"/>).</summary>
    public Regularisation Best(double l1Ratio) => Best([l1Ratio]);

    /// <summary>The lowest loss among the given L1 ratios (each one of <see cref="L1Ratios"/>), ties as in <see cref="Best()"/>.</summary>
    public Regularisation Best(IReadOnlyCollection<double> among)
    {
        ArgumentNullException.ThrowIfNull(among);
        (int Ratio, int Penalty)? best = null;
        foreach (double ratio in among)
        {
            int m = L1Ratios.ToList().IndexOf(ratio);
            if (m < 0) throw new ArgumentException($"The path has no L1 ratio {ratio}.", nameof(among));
            for (int i = 0; i < Penalties.Count; i++)
            {
                if (best is not { } b || _losses[m, i] < _losses[b.Ratio, b.Penalty]) best = (m, i);
            }
        }
        if (best is not { } chosen) throw new ArgumentException("No L1 ratio to choose from.", nameof(among));
        return new Regularisation(Penalties[chosen.Penalty], L1Ratios[chosen.Ratio]);
    }
}
